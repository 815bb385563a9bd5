// Brute-force protection in a real browser: ten wrong passwords on the hosted login page block the
// account for this browser's IP; even the right password is then refused; the blocked-account email
// (received by the instance's SMTP server) carries an unblock link; following it unblocks, once;
// the right password then logs in.
import { expect, test } from "@playwright/test";
import { CALLBACK, createApplication, ISSUER, linkStartingWith, unique, waitForEmail } from "./email-helpers.ts";

const PASSWORD = "Right-Harbour-Passw0rd";

test("ten failed logins block the account; the emailed unblock link releases it", async ({ page, request }) => {
  const { authorizeUrl, api } = await createApplication(request);
  const email = `${unique("brute")}@example.com`;
  const created = await api("POST", "/users", { connection: "Username-Password-Authentication", email, password: PASSWORD });
  expect(created.status).toBe(201);

  const passwordField = () => page.getByLabel("Password", { exact: true });
  const attempt = async (password: string) => {
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    // Wait for the form's answer (the server action's POST) before reading the page.
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/u/login")), page.getByRole("button", { name: "Continue" }).click()]);
  };
  const formAlert = () => page.locator("form [role=alert]");

  await page.goto(authorizeUrl());
  for (let i = 1; i <= 10; i++) {
    await attempt(`Wrong-password-${i}`);
    await expect(formAlert()).toContainText("Wrong email or password.");
    // The form clears the password after a refusal: wait for that before typing the next one.
    await expect(passwordField()).toHaveValue("");
  }
  await attempt(PASSWORD);
  await expect(formAlert()).toContainText(/blocked/i);

  const blocks = await api("GET", `/user-blocks?identifier=${encodeURIComponent(email)}`);
  expect(blocks.body.blocked_for).toEqual([{ identifier: email, ip: "127.0.0.1", connection: "Username-Password-Authentication" }]);

  const message = await waitForEmail(email, /blocked/);
  const link = linkStartingWith(message, `${ISSUER}u/unblock?token=`);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Account unblocked" })).toBeVisible();
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Nothing to unblock" })).toBeVisible();
  expect((await api("GET", `/user-blocks?identifier=${encodeURIComponent(email)}`)).body.blocked_for).toEqual([]);

  await page.goto(authorizeUrl());
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.href.startsWith(CALLBACK));
});
