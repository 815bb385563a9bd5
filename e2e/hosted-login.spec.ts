// The hosted login page in a real browser: what a person sees and does (labels, login_hint, links,
// errors announced and focused, with and without JavaScript), and the attacks it must refuse (no or
// foreign CSRF token, unknown or finished transactions, the same answer for an unknown user and a
// wrong password).
import { expect, test } from "./fixtures.ts";
import { authorizeUrl, callbackQuery, catchCallback, createApp, createConnection, createUser, formAlert, ISSUER, logIn, PASSWORD, uniqueEmail, type App } from "./support/gatehouse.ts";

let app: App;

test.beforeAll(async () => {
  app = await createApp();
});

test("logs in with email and password and lands on the application's callback with a code", async ({ page }) => {
  const user = await createUser();
  await catchCallback(page);
  const response = await page.goto(authorizeUrl(app, { state: "xyz-123" }));
  await expect(page).toHaveURL(/\/u\/login\?state=[A-Za-z0-9]{32}$/);
  // No other site may frame the page (clickjacking).
  expect(response?.headers()).toMatchObject({ "x-frame-options": "DENY", "content-security-policy": "frame-ancestors 'none'" });
  await expect(page).toHaveTitle("Log in · Gatehouse");
  await expect(page.getByRole("heading", { level: 1, name: "Log in" })).toBeVisible();
  await expect(page.getByText(`Log in to continue to ${app.name}.`)).toBeVisible();
  // The identifier field has focus; both fields are labelled.
  await expect(page.getByLabel("Email address")).toBeFocused();
  await expect(page.getByRole("link", { name: "Forgot password?" })).toHaveAttribute("href", /^\/u\/reset-password\?state=[A-Za-z0-9]{32}$/);
  await expect(page.getByRole("link", { name: "Sign up" })).toHaveAttribute("href", /^\/u\/signup\?state=/);

  const query = await callbackQuery(page, () => logIn(page, user.email));
  expect(query.get("code")).toBeTruthy();
  expect(query.get("state")).toBe("xyz-123");
  expect(query.get("iss")).toBe(ISSUER);
  const cookies = await page.context().cookies(ISSUER);
  expect(cookies.find((c) => c.name === "gatehouse_session")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("login_hint prefills the identifier; an unknown user and a wrong password get the same announced message", async ({ page }) => {
  const user = await createUser();
  await page.goto(authorizeUrl(app, { login_hint: user.email }));
  const identifier = page.getByLabel("Email address");
  await expect(identifier).toHaveValue(user.email);
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();

  await logIn(page, user.email, "Wrong-Password-1");
  const alert = formAlert(page);
  await expect(alert).toHaveText(/Wrong email or password\./);
  const wrongPassword = await alert.textContent();
  // The message takes focus, the password is cleared, what was typed stays.
  await expect(page.locator("div[tabindex='-1']")).toBeFocused();
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(identifier).toHaveValue(user.email);

  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/u/login")),
    logIn(page, uniqueEmail("nobody"), "Wrong-Password-1"),
  ]);
  expect(answer.status()).toBe(200);
  await expect(alert).toHaveText(wrongPassword!);
  await expect(page).toHaveURL(/\/u\/login\?state=/);
});

test("without JavaScript the form posts, shows errors, and logs in", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  try {
    const user = await createUser();
    await catchCallback(page);
    await page.goto(authorizeUrl(app));
    await logIn(page, user.email, "Wrong-Password-1");
    await expect(formAlert(page)).toHaveText(/Wrong email or password\./);
    await expect(page.getByLabel("Email address")).toHaveValue(user.email);
    expect(await page.content()).not.toContain("Wrong-Password-1");
    expect((await callbackQuery(page, () => logIn(page, user.email))).get("code")).toBeTruthy();
  } finally {
    await context.close();
  }
});

test("requires_username connections accept a username, and `connection` limits the page to that connection", async ({ page }) => {
  const scoped = await createApp({}, []);
  const connection = await createConnection({ requires_username: true }, [scoped.client_id]);
  const username = `e2e${Date.now().toString(36)}`;
  await createUser({ connection: connection.name, username });
  await catchCallback(page);
  await page.goto(authorizeUrl(scoped, { connection: connection.name }));
  await page.getByLabel("Email address or username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  expect((await callbackQuery(page, () => page.getByRole("button", { name: "Continue" }).click())).get("code")).toBeTruthy();
});

test("signup is not offered when every enabled connection disables it", async ({ page }) => {
  const closed = await createApp({}, []);
  await createConnection({ disable_signup: true }, [closed.client_id]);
  await page.goto(authorizeUrl(closed));
  await expect(page.getByRole("heading", { level: 1, name: "Log in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign up" })).toHaveCount(0);
  await page.goto(page.url().replace("/u/login", "/u/signup"));
  await expect(page.getByText(`Sign up is not available for ${closed.name}`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to log in" })).toBeVisible();
});

test.describe("attacks", () => {
  test("a login POST without the CSRF token is refused and logs nobody in", async ({ page }) => {
    const user = await createUser();
    await page.goto(authorizeUrl(app));
    await page.locator("input[name=csrf_token]").evaluate((input) => input.remove());
    await logIn(page, user.email);
    await expect(formAlert(page)).toContainText("This form has expired or was not sent from this site");
    expect((await page.context().cookies(ISSUER)).some((c) => c.name === "gatehouse_session")).toBe(false);
  });

  test("a CSRF token from another login transaction is refused", async ({ page, context }) => {
    const user = await createUser();
    const other = await context.newPage();
    await other.goto(authorizeUrl(app));
    const foreignToken = await other.locator("input[name=csrf_token]").inputValue();
    await other.close();
    await page.goto(authorizeUrl(app));
    expect(await page.locator("input[name=csrf_token]").inputValue()).not.toBe(foreignToken);
    await page.locator("input[name=csrf_token]").evaluate((input, token) => ((input as HTMLInputElement).value = token), foreignToken);
    await logIn(page, user.email);
    await expect(formAlert(page)).toContainText("This form has expired or was not sent from this site");
    expect((await page.context().cookies(ISSUER)).some((c) => c.name === "gatehouse_session")).toBe(false);
  });

  test("an unknown state shows the error page and never redirects elsewhere", async ({ page }) => {
    for (const state of ["A".repeat(32), "not-a-state", ""]) {
      await page.goto(`/u/login?state=${state}`);
      await expect(page).toHaveURL(/\/u\/error\?/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("This sign-in request can’t be completed");
      await expect(page.getByTestId("error-description")).toContainText("invalid or has expired");
      await expect(page.getByTestId("error-tracking")).not.toBeEmpty();
    }
  });

  test("a finished transaction cannot be replayed: its page and its form go to the error page", async ({ page }) => {
    const user = await createUser();
    await catchCallback(page);
    await page.goto(authorizeUrl(app));
    const loginUrl = page.url();
    await callbackQuery(page, () => logIn(page, user.email));
    await page.goto(loginUrl);
    await expect(page).toHaveURL(/\/u\/error\?/);
    await expect(page.getByTestId("error-description")).toContainText("invalid or has expired");
  });
});
