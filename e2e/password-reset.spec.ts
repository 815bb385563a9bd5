// Password reset through email, in a real browser: "Forgot password?" on the login page → the
// enumeration-safe request form → the email (received by the instance's SMTP server) → its link →
// a new password with live rules, the history rule, the confirmation → success → logging in with
// the new password works and the link is used up.
import { expect, test } from "@playwright/test";
import { CALLBACK, createApplication, emailsTo, linkStartingWith, ISSUER, managementApi, unique, waitForEmail } from "./email-helpers.ts";

const OLD_PASSWORD = "Old-Harbour-Passw0rd";
const NEW_PASSWORD = "New-Lighthouse-Passw0rd";

test("a person resets a forgotten password from the login page and logs in with the new one", async ({ page, request }) => {
  // A connection that remembers passwords (the history rule), created before the application so the
  // application is enabled on it.
  const admin = await managementApi(request);
  const connection = unique("history");
  expect((await admin("POST", "/connections", { name: connection, strategy: "auth0", options: { passwordPolicy: "good", password_history: { enable: true, size: 3 } } })).status).toBe(201);
  const { authorizeUrl, api } = await createApplication(request);
  const email = `${unique("reset")}@example.com`;
  expect((await api("POST", "/users", { connection, email, password: OLD_PASSWORD })).status).toBe(201);

  await page.goto(authorizeUrl());
  await expect(page).toHaveURL(/\/u\/login\?state=/);
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Reset your password");

  // An unknown address gets the same answer, and no email.
  const nobody = `${unique("nobody")}@example.com`;
  await page.getByLabel("Email address").fill(nobody);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists for this address, we have sent an email");

  // A fresh form (the answer replaced it in place).
  await page.reload();
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists for this address, we have sent an email");

  const message = await waitForEmail(email, /Reset your/);
  expect(emailsTo(nobody)).toHaveLength(0);
  const link = linkStartingWith(message, `${ISSUER}u/reset-verify?ticket=`);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();

  const password = page.getByLabel("New password", { exact: true });
  const confirm = page.getByLabel("Confirm new password");
  await password.fill("short");
  await expect(page.locator('#password-rules [data-rule="length"]')).toHaveAttribute("data-met", "false");
  // The history rule, checked by the server: the current password is refused.
  await password.fill(OLD_PASSWORD);
  await confirm.fill(OLD_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password has previously been used.")).toBeVisible();

  await password.fill(NEW_PASSWORD);
  await confirm.fill(NEW_PASSWORD);
  await expect(page.locator('#password-rules [data-rule="length"]')).toHaveAttribute("data-met", "true");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password has been changed.");

  // The link is used up. (It ends with "#": reload rather than go to the same URL again.)
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "This link can’t be used" })).toBeVisible();

  // The new password logs in.
  await page.goto(authorizeUrl());
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.href.startsWith(CALLBACK));
  expect(new URL(page.url()).searchParams.get("code")).toBeTruthy();
});
