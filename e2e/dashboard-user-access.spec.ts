// The user page's access tabs through the real UI: roles and direct permissions, the user's SSO
// sessions and authorized applications (each revocable), email verification, the user's log
// events; and the dashboard's quality bar: keyboard focus, dark mode, tablet width, inert markup
// in the users list. Effects are checked through the Management API.
import type { Page } from "@playwright/test";
import { createUser, expect, fillHostedLogin, test, unique, USER_PASSWORD, type DashboardInstance } from "./support/dashboard.ts";

const userPath = (userId: string, tab?: string) => `/dashboard/users/${encodeURIComponent(userId)}${tab ? `?tab=${tab}` : ""}`;
const CALLBACK = "https://app.example/callback";

/** Logs the user in to a new application in their own browser context: a session, and consent (a grant). */
async function logInToAnApp(page: Page, dashboard: DashboardInstance, email: string): Promise<{ client_id: string; name: string }> {
  const app = await dashboard.api<{ client_id: string; name: string }>("POST", "/clients", {
    name: unique("Access App"),
    app_type: "regular_web",
    callbacks: [CALLBACK],
    grant_types: ["authorization_code", "refresh_token"],
    is_first_party: false,
  });
  await page.context().route("https://app.example/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<title>App</title>" }));
  const query = new URLSearchParams({ response_type: "code", client_id: app.client_id, redirect_uri: CALLBACK, scope: "openid profile email", state: "st" });
  await page.goto(`${dashboard.issuer}authorize?${query}`);
  await fillHostedLogin(page, email, USER_PASSWORD);
  // A third-party application asks for consent.
  await page.getByRole("button", { name: /^(Accept|Allow)/ }).click();
  await page.waitForURL(/^https:\/\/app\.example\/callback/);
  return app;
}

test("roles and direct permissions are assigned and removed", async ({ operatorPage: page, dashboard }) => {
  const user = await createUser(dashboard);
  const role = await dashboard.api<{ id: string; name: string }>("POST", "/roles", { name: unique("Support"), description: "Support staff" });
  const api = await dashboard.api<{ identifier: string; name: string }>("POST", "/resource-servers", {
    name: unique("Orders API"),
    identifier: `https://${unique("orders")}.example/`,
    scopes: [{ value: "read:orders", description: "Read orders" }],
  });
  await page.goto(userPath(user.user_id, "access"));
  await expect(page.getByText("This user has no roles yet.")).toBeVisible();
  await page.getByLabel("Role", { exact: true }).selectOption(role.id);
  await page.getByRole("button", { name: "Assign role" }).click();
  await expect(page.getByTestId("toast-success")).toContainText("Role assigned.");
  await expect(page.getByTestId("user-roles")).toContainText(role.name);
  expect((await dashboard.api<{ id: string }[]>("GET", `/users/${encodeURIComponent(user.user_id)}/roles`)).map((r) => r.id)).toEqual([role.id]);

  await page.getByLabel("API", { exact: true }).selectOption(api.identifier);
  await page.getByLabel("Permission", { exact: true }).selectOption("read:orders");
  await page.getByRole("button", { name: "Assign permission" }).click();
  await expect(page.getByTestId("toast-success").last()).toContainText("Permission read:orders assigned.");
  await expect(page.getByTestId("user-permissions")).toContainText("read:orders");
  const permissions = await dashboard.api<{ permission_name: string }[]>("GET", `/users/${encodeURIComponent(user.user_id)}/permissions`);
  expect(permissions.map((p) => p.permission_name)).toEqual(["read:orders"]);

  await page.getByTestId("user-permissions").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("toast-success").last()).toContainText("Permission read:orders removed.");
  await page.getByTestId("user-roles").getByRole("button", { name: "Remove" }).click();
  await page.getByRole("button", { name: "Yes, remove" }).click();
  await expect(page.getByTestId("toast-success").last()).toContainText("Role removed.");
  await expect.poll(async () => (await dashboard.api<unknown[]>("GET", `/users/${encodeURIComponent(user.user_id)}/roles`)).length).toBe(0);
  expect(await dashboard.api<unknown[]>("GET", `/users/${encodeURIComponent(user.user_id)}/permissions`)).toEqual([]);
});

test("sessions and authorized applications are listed and revoked", async ({ operatorPage: page, dashboard, browser }) => {
  const user = await createUser(dashboard);
  const userContext = await browser.newContext();
  const app = await logInToAnApp(await userContext.newPage(), dashboard, user.email);

  await page.goto(userPath(user.user_id, "sessions"));
  await expect(page.getByTestId("user-sessions")).toContainText(app.name);
  await expect(page.getByTestId("user-grants")).toContainText(app.name);

  await page.getByTestId("user-grants").getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByTestId("toast-success")).toContainText("Application access revoked.");
  await expect(page.getByText("The user has not consented to any application.")).toBeVisible();

  await page.getByTestId("user-sessions").getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByTestId("toast-success").last()).toContainText("Session revoked.");
  await expect(page.getByText("The user is not signed in anywhere.")).toBeVisible();

  // The user's browser has to log in again.
  const userPage = userContext.pages()[0]!;
  const query = new URLSearchParams({ response_type: "code", client_id: app.client_id, redirect_uri: CALLBACK, scope: "openid", state: "st2" });
  await userPage.goto(`${dashboard.issuer}authorize?${query}`);
  await expect(userPage).toHaveURL(/\/u\/login\?state=/);
  await userContext.close();

  // The log events tab shows what happened, newest first.
  await page.goto(userPath(user.user_id, "logs"));
  await expect(page.getByTestId("user-logs")).toContainText("Session revoked in the dashboard");
});

test("resend the verification email, then mark the email verified", async ({ operatorPage: page, dashboard }) => {
  const user = await createUser(dashboard, { email_verified: false, verify_email: false });
  await page.goto(userPath(user.user_id));
  await page.getByRole("button", { name: "Resend verification email" }).click();
  await expect(page.getByTestId("toast-success")).toContainText(`Verification email sent to ${user.email}`);
  const email = await dashboard.waitForEmail(user.email, /verify|confirm/i);
  expect(email.links.some((link) => link.includes("/u/email-verification?ticket="))).toBe(true);

  await page.getByRole("button", { name: "Mark email as verified" }).click();
  await page.getByRole("button", { name: "Yes, mark email as verified" }).click();
  await expect(page.getByTestId("toast-success").last()).toContainText("Email marked as verified.");
  await expect.poll(async () => (await dashboard.api<{ email_verified: boolean }>("GET", `/users/${encodeURIComponent(user.user_id)}`)).email_verified).toBe(true);
  await expect(page.getByRole("button", { name: "Resend verification email" })).toHaveCount(0);
});

test("keyboard, focus, dark mode, tablet width, and markup in the users list renders inert", async ({ browser, dashboard, operatorState }) => {
  const context = await browser.newContext({ baseURL: dashboard.origin, storageState: operatorState, colorScheme: "dark", viewport: { width: 820, height: 1100 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const tag = unique("inert").replace("-", "");
  const user = await createUser(dashboard, { name: `${tag} <script>window.__xss=1</script><b>bold</b>` });

  await page.goto(`/dashboard/users?q=${tag}`);
  await expect(page.getByTestId("user-row")).toHaveCount(1);
  await expect(page.getByRole("link", { name: `${tag} <script>window.__xss=1</script><b>bold</b>` })).toBeVisible();
  expect(await page.locator("[data-testid=user-row] b").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // Dark mode: the page background follows the system preference.
  const background = await page.locator("#main").evaluate((el) => getComputedStyle(el.closest(".min-h-dvh")!).backgroundColor);
  expect(background).not.toBe("rgb(248, 250, 252)");
  // Tablet width: the navigation is a bar above the page, nothing overflows the window.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // Every column of the table fits at this width (no hidden horizontal scroll).
  expect(await page.getByTestId("users-table").evaluate((table) => table.scrollWidth <= table.parentElement!.clientWidth)).toBe(true);
  await expect(page.getByTestId("user-row").getByText("Verified")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("users-list-dark-tablet.png"), fullPage: true });

  // Keyboard: skip link, then the header, the navigation; a visible focus ring; Enter follows links.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  const usersLink = page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Users" });
  for (let i = 0; i < 10 && !(await usersLink.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(usersLink).toBeFocused();
  const outline = await usersLink.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
  await page.getByRole("link", { name: `${tag} <script>window.__xss=1</script><b>bold</b>` }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(encodeURIComponent(user.user_id).replace(/[|]/g, "\\|")));
  await expect(page.getByTestId("user-display-name")).toContainText("<script>");
  expect(errors).toEqual([]);
  await context.close();
});

test("the jobs page lists background jobs", async ({ operatorPage: page }) => {
  await page.goto("/dashboard/jobs");
  await expect(page.getByRole("heading", { level: 1, name: "Jobs" })).toBeVisible();
  await expect(page.getByText("No jobs yet").or(page.getByTestId("jobs-table"))).toBeVisible();
});
