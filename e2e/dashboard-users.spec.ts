// The dashboard's users pages through the real UI, signed in as an operator (e2e/support/dashboard.ts),
// each effect checked through the Management API: the list (search, query syntax, filters, sort,
// paging), create, view, metadata, block/unblock, delete, picture (URL and upload), password,
// reset email, and markup in a user's data rendering inert.
import { createUser, expect, test, unique, uniqueEmail, USER_PASSWORD, type DashboardInstance } from "./support/dashboard.ts";

type ApiUser = { user_id: string; email: string; blocked?: boolean; picture?: string; user_metadata: Record<string, unknown>; last_password_reset?: string; email_verified?: boolean };

const getUser = (dashboard: DashboardInstance, userId: string) => dashboard.api<ApiUser>("GET", `/users/${encodeURIComponent(userId)}`);
const userPath = (userId: string) => `/dashboard/users/${encodeURIComponent(userId)}`;
/** A 1×1 PNG. */
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f0a3f80000000049454e44ae426082", "hex");

test.describe.configure({ mode: "parallel" });

test("the users list searches by text and by query, filters, sorts and pages", async ({ operatorPage: page, dashboard }) => {
  // 27 users created through the API (a bcrypt hash each) and about twenty page loads: 20 s on an
  // idle CI machine, over the default 30 s once on a loaded one (it then passed on retry).
  test.setTimeout(60_000);
  const tag = unique("zq").replace("-", "");
  const created: ApiUser[] = [];
  for (let i = 0; i < 27; i++) {
    created.push(
      (await createUser(dashboard, {
        email: `${tag}-${String(i).padStart(2, "0")}@example.com`,
        name: `${tag} Person ${String(i).padStart(2, "0")}`,
        email_verified: i !== 3,
        blocked: i === 5,
      })) as unknown as ApiUser,
    );
  }

  await page.goto("/dashboard/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();

  // Plain text: a substring of email, name or username.
  await page.getByRole("searchbox", { name: "Search" }).fill(tag);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(page.getByTestId("user-row")).toHaveCount(25);
  await expect(page.getByTestId("pagination-summary")).toContainText("1–25 of 27");
  await page.screenshot({ path: test.info().outputPath("users-list.png"), fullPage: true });

  // Paging.
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByTestId("user-row")).toHaveCount(2);
  await expect(page.getByTestId("pagination-summary")).toContainText("26–27 of 27");

  // Sorting: email descending puts the last one first.
  await page.goto(`/dashboard/users?q=${tag}`);
  const sortByUser = page.getByRole("columnheader", { name: /User/ }).getByRole("link");
  await sortByUser.click();
  await expect(page).toHaveURL(/sort=email%3Aasc/);
  await sortByUser.click();
  await expect(page).toHaveURL(/sort=email%3Adesc/);
  await expect(page.getByTestId("user-row").first()).toContainText(`${tag}-26@example.com`);
  await expect(page.getByRole("columnheader", { name: /User/ })).toHaveAttribute("aria-sort", "descending");

  // Filters: blocked, and unverified.
  await page.goto(`/dashboard/users?q=${tag}`);
  await page.getByLabel("Blocked").selectOption("yes");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("user-row")).toHaveCount(1);
  await expect(page.getByTestId("user-row")).toHaveAttribute("data-user-id", created[5]!.user_id);
  await page.getByLabel("Blocked").selectOption("any");
  await page.getByLabel("Email verified").selectOption("no");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("user-row")).toHaveCount(1);
  await expect(page.getByTestId("user-row")).toHaveAttribute("data-user-id", created[3]!.user_id);
  // The connection filter keeps them (they are all in the default connection)...
  await page.getByLabel("Email verified").selectOption("any");
  await page.getByLabel("Connection").selectOption("gatehouse-operators");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No users match")).toBeVisible();

  // The v3 query syntax, detected.
  await page.goto(`/dashboard/users?q=${encodeURIComponent(`email:"${tag}-07@example.com"`)}`);
  await expect(page.getByTestId("user-row")).toHaveCount(1);
  await expect(page.getByTestId("user-row")).toHaveAttribute("data-user-id", created[7]!.user_id);

  // A bad query: a readable error, and the text stays in the box.
  await page.getByRole("searchbox", { name: "Search" }).fill("name:(unclosed");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The search query has a mistake" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("name:(unclosed");

  // The inline help opens.
  await page.getByText("Search help: plain text or the query syntax").click();
  await expect(page.getByText("email.domain:example.com").first()).toBeVisible();
});

test("create a user: live policy feedback, a refusal keeps what was typed, then the user exists", async ({ operatorPage: page, dashboard }) => {
  const email = uniqueEmail("created");
  await page.goto("/dashboard/users/new");
  await expect(page.getByRole("heading", { level: 1, name: "Create user" })).toBeVisible();
  await page.getByLabel("Connection").selectOption("Username-Password-Authentication");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("abc");
  await expect(page.locator('[data-rule="length"]')).toHaveAttribute("data-met", "false");
  await page.getByLabel("Password", { exact: true }).fill(USER_PASSWORD);
  await expect(page.locator('[data-rule="length"]')).toHaveAttribute("data-met", "true");
  await page.getByLabel("Name (optional)").fill("Created Through The Dashboard");
  await page.getByLabel("user_metadata").fill('{ "plan": "pro", ');
  await page.getByRole("button", { name: "Create user" }).click();

  // Bad JSON: the error on its field, nothing lost, nothing created.
  await expect(page.locator("#user_metadata-error")).toContainText("Not valid JSON");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
  await expect(page.getByLabel("Name (optional)")).toHaveValue("Created Through The Dashboard");
  expect(await dashboard.api<unknown[]>("GET", `/users-by-email?email=${encodeURIComponent(email)}`)).toEqual([]);

  // A key the API refuses.
  await page.getByLabel("user_metadata").fill('{ "a.b": 1 }');
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.locator("#user_metadata-error")).toContainText('must not contain "." or "$"');

  await page.getByLabel("user_metadata").fill('{ "plan": "pro" }');
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("toast-success")).toContainText(`User ${email} created.`);
  await expect(page).toHaveURL(/\/dashboard\/users\/auth0%7C/);
  await expect(page.getByTestId("user-display-name")).toHaveText("Created Through The Dashboard");

  const [user] = await dashboard.api<ApiUser[]>("GET", `/users-by-email?email=${encodeURIComponent(email)}`);
  expect(user).toMatchObject({ email, user_metadata: { plan: "pro" } });
});

test("view a user and edit metadata; markup in their data renders inert", async ({ operatorPage: page, dashboard }) => {
  const user = await createUser(dashboard, {
    name: `<img src=x onerror="window.__xss=1">`,
    user_metadata: { note: "<script>window.__xss=2</script>", keep: 1, drop: true },
    app_metadata: { plan: "free" },
  });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(userPath(user.user_id));
  await expect(page.getByTestId("user-display-name")).toHaveText(`<img src=x onerror="window.__xss=1">`);
  await expect(page.getByTestId("user-id")).toHaveText(user.user_id);
  await page.screenshot({ path: test.info().outputPath("user-page.png"), fullPage: true });

  // Raw JSON shows the stored script as text.
  await page.getByRole("link", { name: "Raw JSON" }).click();
  await expect(page.getByTestId("raw-json")).toContainText("<script>window.__xss=2</script>");

  // Metadata: the preview says what the merge will do.
  await page.getByRole("link", { name: "Metadata" }).click();
  const editor = page.getByLabel("user_metadata", { exact: true });
  await expect(editor).toHaveValue(/"keep": 1/);
  await editor.fill(JSON.stringify({ note: "<script>window.__xss=2</script>", keep: 2, added: "yes" }, null, 2));
  const preview = page.getByTestId("user_metadata-preview");
  await expect(preview).toContainText("keep changed");
  await expect(preview).toContainText("added added");
  await expect(preview).toContainText("drop removed");
  await page.getByRole("button", { name: "Save user_metadata" }).click();
  await expect(page.getByTestId("toast-success")).toContainText("user_metadata saved.");
  expect((await getUser(dashboard, user.user_id)).user_metadata).toEqual({ note: "<script>window.__xss=2</script>", keep: 2, added: "yes" });

  // A refused key: the message as it is typed, nothing can be sent, and the text stays.
  await page.getByLabel("app_metadata", { exact: true }).fill('{ "plan": "pro", "email": "x" }');
  await expect(page.locator("#app_metadata-editor-error")).toContainText("reserved");
  await expect(page.getByRole("button", { name: "Save app_metadata" })).toBeDisabled();
  await expect(page.getByLabel("app_metadata", { exact: true })).toHaveValue('{ "plan": "pro", "email": "x" }');

  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(errors).toEqual([]);
});

test("block and unblock a user", async ({ operatorPage: page, dashboard }) => {
  const user = await createUser(dashboard);
  await page.goto(userPath(user.user_id));
  await page.getByTestId("block-toggle").click();
  await page.getByRole("button", { name: "Yes, block" }).click();
  await expect(page.getByTestId("toast-success")).toContainText("is blocked");
  expect((await getUser(dashboard, user.user_id)).blocked).toBe(true);
  await expect(page.getByText("Blocked", { exact: true }).first()).toBeVisible();

  await page.getByTestId("block-toggle").click();
  await expect(page.getByTestId("toast-success").last()).toContainText("is unblocked");
  await expect.poll(async () => (await getUser(dashboard, user.user_id)).blocked ?? false).toBe(false);
});

test("delete a user, confirmed by typing their email", async ({ operatorPage: page, dashboard }) => {
  const user = await createUser(dashboard);
  await page.goto(userPath(user.user_id));
  const button = page.getByRole("button", { name: "Delete this user" });
  await expect(button).toBeDisabled();
  await page.getByLabel(/Type .* to confirm/).fill("not-the-email@example.com");
  await expect(button).toBeDisabled();
  await page.getByLabel(/Type .* to confirm/).fill(user.email);
  await button.click();
  await expect(page).toHaveURL(/\/dashboard\/users$/);
  await expect(page.getByTestId("toast-success")).toContainText(`${user.email} was deleted.`);
  await expect(getUser(dashboard, user.user_id)).rejects.toThrow(/404/);
});

test("change the picture by URL and by upload", async ({ operatorPage: page, dashboard }) => {
  const user = await createUser(dashboard);
  await page.goto(userPath(user.user_id));
  const url = "https://images.example/avatar.png";
  await page.getByLabel("Picture URL").fill(url);
  await page.getByRole("button", { name: "Use this URL" }).click();
  await expect(page.getByTestId("toast-success")).toContainText("Picture changed.");
  expect((await getUser(dashboard, user.user_id)).picture).toBe(url);

  // Not an image: refused by its bytes.
  await page.getByLabel("Upload a picture").setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("<svg onload=alert(1)>") });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.locator("#picture_file-error")).toContainText("not a PNG, JPEG, GIF or WebP");

  await page.getByLabel("Upload a picture").setInputFiles({ name: "avatar.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByTestId("toast-success").last()).toContainText("Picture uploaded.");
  await expect.poll(async () => (await getUser(dashboard, user.user_id)).picture).toMatch(new RegExp(`^${dashboard.issuer}pictures/pic_`));
  const stored = (await getUser(dashboard, user.user_id)).picture!;
  const response = await fetch(stored);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/png");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
});

test("change the password (policy checked) and send a reset email", async ({ operatorPage: page, dashboard }) => {
  const user = await createUser(dashboard);
  await page.goto(`${userPath(user.user_id)}?tab=security`);
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#new_password-error")).toBeVisible();
  expect((await getUser(dashboard, user.user_id)).last_password_reset).toBeUndefined();
  // Dismiss the refusal's toast (errors stay until dismissed), so the next toast is the only one.
  await expect(page.getByTestId("toast-error")).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("toast-error")).toHaveCount(0);

  await page.getByLabel("New password").fill("Another-Strong-Passphrase-77");
  await page.getByRole("button", { name: "Change password" }).click();
  // Any toast: a refusal fails here with its own message. The first password change of a process
  // loads the breached-password corpus: allow for it.
  await expect(page.locator('[data-testid^="toast-"]')).toHaveText([/Password changed\./], { timeout: 20_000 });
  await expect.poll(async () => (await getUser(dashboard, user.user_id)).last_password_reset).toBeTruthy();

  await page.getByTestId("send-reset-email").click();
  await expect(page.getByTestId("toast-success").last()).toContainText(`Password reset email sent to ${user.email}`);
  const email = await dashboard.waitForEmail(user.email, /password/i);
  expect(email.links.some((link) => link.includes("/u/reset-verify?ticket="))).toBe(true);
});
