// The hosted signup page in a real browser: the password policy shown live with strength feedback,
// errors on their fields, a new account that continues to the application logged in (with and
// without JavaScript), and an existing email refused without saying it exists.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { api, authorizeUrl, callbackQuery, catchCallback, createApp, createUser, formAlert, PASSWORD, uniqueEmail, type App } from "./support/gatehouse.ts";

let app: App;

test.beforeAll(async () => {
  app = await createApp();
});

const rule = (page: Page, code: string) => page.locator(`#password-rules [data-rule="${code}"]`);

test("signs up with the policy shown live, then continues to the application logged in", async ({ page }) => {
  await catchCallback(page);
  await page.goto(authorizeUrl(app, { screen_hint: "signup", state: "su-1" }));
  await expect(page).toHaveURL(/\/u\/signup\?state=/);
  await expect(page).toHaveTitle("Sign up · Gatehouse");
  await expect(page.getByRole("heading", { level: 1, name: "Create your account" })).toBeVisible();

  const email = uniqueEmail("signup");
  const password = page.getByLabel("Password", { exact: true });
  await expect(password).toHaveAttribute("aria-describedby", /password-rules/);
  await expect(page.getByTestId("password-strength")).toHaveText("Strength: type a password");
  // The default connection's policy ("good", 8+): rules turn met as the password grows.
  await password.pressSequentially("abc");
  await expect(rule(page, "length")).toHaveAttribute("data-met", "false");
  await expect(page.getByTestId("password-strength")).toHaveText(/Strength: (Very weak|Weak)/);
  await password.fill("");
  await password.pressSequentially("Tr1cky-Harbour-Lights");
  await expect(rule(page, "length")).toHaveAttribute("data-met", "true");
  await expect(rule(page, "classes")).toHaveAttribute("data-met", "true");
  await expect(page.getByTestId("password-strength")).toHaveText(/Strength: (Strong|Very strong)/);

  // A weak password is refused on its field before anything is sent.
  await page.getByLabel("Email address").fill(email);
  await password.fill("weakpass");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#password-error")).toContainText("does not meet the requirements");
  await expect(password).toBeFocused();

  await password.fill("Tr1cky-Harbour-Lights");
  const query = await callbackQuery(page, () => page.getByRole("button", { name: "Sign up" }).click());
  expect(query.get("code")).toBeTruthy();
  expect(query.get("state")).toBe("su-1");
  const [user] = await api<{ email: string; email_verified: boolean; logins_count: number }[]>("GET", `/users-by-email?email=${encodeURIComponent(email)}`);
  expect(user).toMatchObject({ email, email_verified: false, logins_count: 1 });
});

test("an email that already has an account is refused without saying so", async ({ page }) => {
  const existing = await createUser();
  await page.goto(authorizeUrl(app, { screen_hint: "signup" }));
  await page.getByLabel("Email address").fill(existing.email);
  await page.getByLabel("Password", { exact: true }).fill("Tr1cky-Harbour-Lights");
  await page.getByRole("button", { name: "Sign up" }).click();
  const alert = formAlert(page);
  await expect(alert).toContainText("Your account was not created");
  await expect(alert).toContainText("We couldn’t create an account with these details");
  await expect(alert).not.toContainText(/exist/i);
  await expect(page.getByLabel("Email address")).not.toHaveAttribute("aria-invalid", "true");
});

test("without JavaScript: policy errors from the server land on the field, then the account is created", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  try {
    await catchCallback(page);
    await page.goto(authorizeUrl(app, { screen_hint: "signup" }));
    const email = uniqueEmail("nojs");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.locator("#password-error")).toContainText("at least 8 characters");
    await expect(page.getByLabel("Email address")).toHaveValue(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    expect((await callbackQuery(page, () => page.getByRole("button", { name: "Sign up" }).click())).get("code")).toBeTruthy();
  } finally {
    await context.close();
  }
});

test("the login and signup pages link to each other within the same transaction", async ({ page }) => {
  await page.goto(authorizeUrl(app));
  const state = new URL(page.url()).searchParams.get("state");
  await page.getByRole("link", { name: "Sign up" }).click();
  await expect(page).toHaveURL(`/u/signup?state=${state}`);
  await page.getByRole("link", { name: "Log in" }).click();
  await expect(page).toHaveURL(`/u/login?state=${state}`);
});
