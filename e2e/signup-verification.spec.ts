// Signup with email verification, in a real browser: /authorize with screen_hint=signup → the
// hosted signup page → back at the application → the verification email (received by the
// instance's SMTP server) → its link verifies the address, once.
import { expect, test } from "@playwright/test";
import { CALLBACK, createApplication, ISSUER, linkStartingWith, unique, waitForEmail } from "./email-helpers.ts";

test("a person signs up, gets the verification email and verifies the address with its link", async ({ page, request }) => {
  const { authorizeUrl, api } = await createApplication(request);
  const email = `${unique("signup")}@example.com`;

  await page.goto(authorizeUrl({ screen_hint: "signup" }));
  await expect(page).toHaveURL(/\/u\/signup\?state=/);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("Fresh-Signup-Passw0rd");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL((url) => url.href.startsWith(CALLBACK));

  const message = await waitForEmail(email, /Verify your email/);
  expect(message.text).toContain(email);
  const link = linkStartingWith(message, `${ISSUER}u/email-verification?ticket=`);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Email address verified" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Your email was verified.");

  const users = await api("GET", `/users-by-email?email=${encodeURIComponent(email)}`);
  expect(users.body[0].email_verified).toBe(true);

  // A second click says so instead of failing. (The link ends with "#": going to it again from the
  // same URL would only move to the fragment, so reload.)
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Already verified" })).toBeVisible();
});
