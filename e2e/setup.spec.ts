// The first-operator setup through the one-time link, in a real browser. The instance prints one
// link, and it works once, so these tests share it and run in order: failures first (with and
// without JavaScript), then the keyboard-only success, then the used link.
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

test.describe.configure({ mode: "serial" });

const EMAIL = "first.operator@example.com";
const GOOD_PASSWORD = "Gatehouse-Harbour-42";

const rule = (page: Page, code: string) => page.locator(`#password-rules [data-rule="${code}"]`);

/** Whether the focused element shows a focus indicator (an outline or a ring). */
const hasFocusIndicator = (locator: Locator) =>
  locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return (style.outlineStyle !== "none" && style.outlineWidth !== "0px") || style.boxShadow !== "none";
  });

test("the form shows the password policy live and refuses a weak password on its field", async ({ page, setupUrl }) => {
  await page.goto(setupUrl);
  await expect(page).toHaveTitle("Set up Gatehouse · Gatehouse");
  await expect(page.getByRole("heading", { level: 1, name: "Create the first operator" })).toBeVisible();

  // Labels are tied to their inputs.
  const email = page.getByLabel("Email address");
  const password = page.getByLabel("Password", { exact: true });
  const confirm = page.getByLabel("Confirm password");
  await expect(password).toHaveAttribute("aria-describedby", /password-rules/);

  // Live feedback: each rule turns met as the password grows.
  await expect(rule(page, "length")).toHaveAttribute("data-met", "false");
  await password.pressSequentially("abc");
  await expect(rule(page, "length")).toHaveAttribute("data-met", "false");
  await expect(rule(page, "classes")).toHaveAttribute("data-met", "false");
  await password.pressSequentially("DEF-123456");
  await expect(rule(page, "length")).toHaveAttribute("data-met", "true");
  await expect(rule(page, "classes")).toHaveAttribute("data-met", "true");
  await expect(rule(page, "classes")).toContainText("(met)");
  await expect(page.getByText(/of \d+ password requirements met/)).toBeAttached();

  // A weak password: the error lands on the password field, is announced with it, and nothing is sent.
  await email.fill(EMAIL);
  await password.fill("weakpass");
  await confirm.fill("weakpass");
  await page.getByRole("button", { name: "Create operator account" }).click();
  await expect(password).toHaveAttribute("aria-invalid", "true");
  const error = page.locator("#password-error");
  await expect(error).toContainText("at least 12 characters");
  await expect(password).toHaveAttribute("aria-describedby", /password-error/);
  await expect(password).toBeFocused();
  await expect(page).toHaveURL(setupUrl);

  // A mismatched confirmation is reported on its own field.
  await password.fill(GOOD_PASSWORD);
  await confirm.fill(`${GOOD_PASSWORD}x`);
  await page.getByRole("button", { name: "Create operator account" }).click();
  await expect(page.locator("#confirm_password-error")).toHaveText(/do not match/);
  await expect(password).not.toHaveAttribute("aria-invalid", "true");
});

test("without JavaScript the form posts, and the server puts policy errors on their fields", async ({ browser, setupUrl }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(setupUrl);
    await page.getByLabel("Email address").fill(EMAIL);
    await page.getByLabel("Password", { exact: true }).fill("Sh0rt-pass");
    await page.getByLabel("Confirm password").fill("Sh0rt-pass");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Create operator account" }).click(),
    ]);
    expect(response.status()).toBe(200);
    await page.waitForLoadState("load");

    // The server's answer, rendered without any script: the error on the password field, the
    // email kept, the passwords not echoed.
    const password = page.getByLabel("Password", { exact: true });
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#password-error")).toContainText("at least 12 characters");
    await expect(page.getByLabel("Email address")).toHaveValue(EMAIL);
    await expect(password).toHaveValue("");
    expect(await page.content()).not.toContain("Sh0rt-pass");
  } finally {
    await context.close();
  }
});

test("a form whose CSRF cookie is gone is refused, and the error is announced in place", async ({ page, context, setupUrl }) => {
  await page.goto(setupUrl);
  await context.clearCookies();
  await page.getByLabel("Email address").fill(EMAIL);
  await page.getByLabel("Password", { exact: true }).fill(GOOD_PASSWORD);
  await page.getByLabel("Confirm password").fill(GOOD_PASSWORD);
  await page.getByRole("button", { name: "Create operator account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The operator account was not created" })).toContainText(
    "This form has expired or was not sent from this site",
  );
  await expect(page).toHaveURL(setupUrl);
});

test("keyboard only: the first operator is created and the success page names them", async ({ page, setupUrl }) => {
  await page.goto(setupUrl);
  // Skip link first, then the fields in reading order, each with a visible focus indicator.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Tab");
  const email = page.getByLabel("Email address");
  await expect(email).toBeFocused();
  expect(await hasFocusIndicator(email)).toBe(true);
  await page.keyboard.type(EMAIL);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(GOOD_PASSWORD);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Confirm password")).toBeFocused();
  await page.keyboard.type(GOOD_PASSWORD);
  await page.keyboard.press("Tab");
  const submit = page.getByRole("button", { name: "Create operator account" });
  await expect(submit).toBeFocused();
  expect(await hasFocusIndicator(submit)).toBe(true);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/setup\/complete$/);
  await expect(page.getByRole("heading", { level: 1, name: "Operator created" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(EMAIL);
  await expect(page.getByRole("link", { name: "Open the dashboard" })).toHaveAttribute("href", "/dashboard");
});

test("the link cannot be used again", async ({ page, browser, baseURL, setupUrl }) => {
  await page.goto(setupUrl);
  await expect(page.getByRole("alert").filter({ hasText: "setup link" })).toContainText("This setup link is invalid, expired or already used.");
  await expect(page.getByLabel("Email address")).toHaveCount(0);

  await page.goto("/");
  await expect(page.getByTestId("operator-status")).toContainText("Set up.");

  // The success page only speaks to the browser that completed the setup.
  const other = await browser.newContext({ baseURL });
  const otherPage = await other.newPage();
  await otherPage.goto("/setup/complete");
  await expect(otherPage.getByRole("heading", { level: 1, name: "Nothing to show" })).toBeVisible();
  await other.close();
});
