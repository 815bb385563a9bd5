// Operator sign-in to the dashboard through Gatehouse's own OIDC endpoints (next-auth), the refusal
// of a signed-in non-operator, and the sign-out that ends both the dashboard session and the
// Gatehouse SSO session.
import { expect, fillHostedLogin, OPERATOR_EMAIL, OPERATOR_PASSWORD, signInToDashboard, test, uniqueEmail } from "./support/dashboard.ts";

test("an operator signs in through the hosted login page and lands on the dashboard", async ({ page, dashboard }) => {
  // A page deep in the dashboard: the sign-in comes back to it.
  await page.goto("/dashboard/users");
  await expect(page).toHaveURL(/\/dashboard\/sign-in\?callbackUrl=%2Fdashboard%2Fusers/);
  await expect(page.getByRole("heading", { name: "Sign in to the Gatehouse dashboard" })).toBeVisible();
  await page.getByRole("button", { name: "Sign in with your operator account" }).click();

  // The operators' login page of this same instance: authorization code + PKCE.
  await expect(page).toHaveURL(new RegExp(`^${dashboard.issuer}u/login\\?state=`));
  await fillHostedLogin(page, OPERATOR_EMAIL, OPERATOR_PASSWORD);
  // Possibly the instance's first login, which loads the breached-password corpus.
  await expect(page).toHaveURL(`${dashboard.origin}/dashboard/users`, { timeout: 30_000 });
  await expect(page.getByTestId("operator-email")).toHaveText(OPERATOR_EMAIL);
  await expect(page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");

  // The dashboard's session endpoint never hands the ID token to the browser.
  const session = await page.evaluate(() => fetch("/api/auth/session").then((r) => r.text()));
  expect(session).toContain(OPERATOR_EMAIL);
  expect(session).not.toContain("id_token");

  // The login is recorded as a successful login of the dashboard's application.
  const logs = await dashboard.api<{ type: string; client_id?: string }[]>("GET", `/logs?q=${encodeURIComponent('type:"s"')}&per_page=20`);
  expect(logs.some((l) => l.client_id === "gatehouse-dashboard")).toBe(true);
});

test("a wrong password is refused on the hosted page and nothing is signed in", async ({ page }) => {
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Sign in with your operator account" }).click();
  await fillHostedLogin(page, OPERATOR_EMAIL, "Not-The-Password-1");
  await expect(page).toHaveURL(/\/u\/login/);
  await expect(page.locator("[role=alert]:not(#__next-route-announcer__)").first()).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/sign-in/);
});

test("sign-out ends the dashboard session and the Gatehouse SSO session", async ({ page, dashboard }) => {
  await signInToDashboard(page);
  await expect(page.getByTestId("operator-email")).toHaveText(OPERATOR_EMAIL, { timeout: 30_000 });
  const operator = (await dashboard.api<{ user_id: string }[]>("GET", `/users-by-email?email=${encodeURIComponent(OPERATOR_EMAIL)}`))[0]!;
  const before = await dashboard.api<{ type: string; date: string }[]>("GET", `/users/${encodeURIComponent(operator.user_id)}/logs?per_page=50`);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${dashboard.origin}/dashboard/signed-out`);
  await expect(page.getByRole("status")).toContainText("signed out of the dashboard and of Gatehouse");

  // The SSO session ended (an "slo" event), so signing in again asks for the password.
  const after = await dashboard.api<{ type: string }[]>("GET", `/users/${encodeURIComponent(operator.user_id)}/logs?per_page=50`);
  expect(after.filter((l) => l.type === "slo").length).toBe(before.filter((l) => l.type === "slo").length + 1);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/sign-in/);
  await page.getByRole("button", { name: "Sign in with your operator account" }).click();
  await expect(page).toHaveURL(/\/u\/login\?state=/);
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
});

test("an account without the operator role is refused with a clear page, and can sign out", async ({ operatorPage, browser, dashboard }) => {
  // An operator creates an account in the operators' connection, without the operator role.
  const email = uniqueEmail("not-operator");
  const password = "Quiet-Meadow-Rivet-93";
  await operatorPage.goto("/dashboard/users/new");
  await operatorPage.getByLabel("Connection").selectOption("gatehouse-operators");
  await operatorPage.getByLabel("Email", { exact: true }).fill(email);
  await operatorPage.getByLabel("Password", { exact: true }).fill(password);
  await operatorPage.getByLabel("Email already verified").check();
  await expect(operatorPage.getByLabel("Grant the Gatehouse Operator role")).not.toBeChecked();
  await operatorPage.getByRole("button", { name: "Create user" }).click();
  await expect(operatorPage.getByTestId("toast-success")).toContainText(`User ${email} created.`);
  const [created] = await dashboard.api<{ user_id: string; identities: { connection: string }[] }[]>("GET", `/users-by-email?email=${encodeURIComponent(email)}`);
  expect(created!.identities[0]!.connection).toBe("gatehouse-operators");
  expect(await dashboard.api<unknown[]>("GET", `/users/${encodeURIComponent(created!.user_id)}/roles`)).toEqual([]);

  // That account signs in: the password is right, but the dashboard refuses it.
  const context = await browser.newContext({ baseURL: dashboard.origin });
  const page = await context.newPage();
  await signInToDashboard(page, email, password);
  await expect(page).toHaveURL(`${dashboard.origin}/dashboard/not-authorized`, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Not authorized" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  // Every dashboard page, and every dashboard action, refuses it too.
  await page.goto("/dashboard/users");
  await expect(page).toHaveURL(/\/dashboard\/not-authorized$/);
  await expect(page.getByTestId("operator-email")).toHaveCount(0);

  // The role is checked on every request: granted, the same session gets in; revoked, it is out.
  await operatorPage.goto(`/dashboard/users/${encodeURIComponent(created!.user_id)}`);
  await expect(operatorPage.getByTestId("operator-status")).toContainText("not an operator");
  await operatorPage.getByRole("button", { name: "Grant operator role" }).click();
  await operatorPage.getByRole("button", { name: "Yes, grant operator role" }).click();
  await expect(operatorPage.getByTestId("toast-success")).toContainText("Operator role granted");
  await page.goto("/dashboard/users");
  await expect(page.getByTestId("operator-email")).toHaveText(email);
  await expect(operatorPage.getByTestId("operator-status")).toContainText("This account is an operator.");
  await operatorPage.getByRole("button", { name: "Revoke operator role" }).click();
  await operatorPage.getByRole("button", { name: "Yes, revoke operator role" }).click();
  await expect(operatorPage.getByTestId("toast-success").last()).toContainText("Operator role revoked");
  await page.goto("/dashboard/users");
  await expect(page).toHaveURL(/\/dashboard\/not-authorized$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${dashboard.origin}/dashboard/signed-out`);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/sign-in/);
  await context.close();
});

test("an operator cannot revoke their own operator role", async ({ operatorPage: page, dashboard }) => {
  const [me] = await dashboard.api<{ user_id: string }[]>("GET", `/users-by-email?email=${encodeURIComponent(OPERATOR_EMAIL)}`);
  await page.goto(`/dashboard/users/${encodeURIComponent(me!.user_id)}`);
  await page.getByRole("button", { name: "Revoke operator role" }).click();
  await page.getByRole("button", { name: "Yes, revoke operator role" }).click();
  await expect(page.getByTestId("toast-error")).toContainText("You cannot revoke your own operator role");
  expect(await dashboard.api<{ name: string }[]>("GET", `/users/${encodeURIComponent(me!.user_id)}/roles`)).toEqual([expect.objectContaining({ name: "Gatehouse Operator" })]);
});
