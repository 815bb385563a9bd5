// TOTP multi-factor authentication through the hosted pages, in a real browser, for an operator
// signing in to the dashboard (issue #5: MFA applies to operators as to everyone). MFA is turned on
// for every login ("all-applications"), so this spec runs on an instance of its own (other specs
// share theirs). The operator enrolls on /u/mfa (QR code, the key in text, a code computed here
// from that key), is shown the recovery code once, lands in the dashboard, and signs in again
// later with a code (the next time step: the first code cannot be replayed). The user page then
// shows the enrollment, and "Reset MFA" removes it. Without JavaScript, a user of an application
// enrolls and gets the recovery code too, and the ID token says amr ["pwd","mfa"].
import { test, expect, type Page } from "@playwright/test";
import { decodeJwt } from "jose";
import { base32Decode, hotp, totpStep } from "../lib/mfa/totp.ts";
import { callbackQuery, catchCallback, CALLBACK, logIn } from "./support/gatehouse.ts";
import { createUser, fillHostedLogin, OPERATOR_EMAIL, OPERATOR_PASSWORD, startInstance, type DashboardInstance } from "./support/dashboard.ts";

let instance: DashboardInstance & { close(): Promise<void> };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  instance = await startInstance();
  await instance.api("PUT", "/guardian/factors/otp", { enabled: true });
  await instance.api("PUT", "/guardian/policies", ["all-applications"]);
});

test.afterAll(async () => {
  await instance?.close();
});

const codeAt = (secret: string, step: number) => hotp(base32Decode(secret)!, step);

async function passwordStep(page: Page): Promise<void> {
  await page.goto(`${instance.origin}/dashboard`);
  await expect(page).toHaveURL(/\/dashboard\/sign-in/, { timeout: 20_000 });
  await page.getByRole("button", { name: "Sign in with your operator account" }).click();
  await expect(page).toHaveURL(/\/u\/login\?state=/, { timeout: 20_000 });
  await fillHostedLogin(page, OPERATOR_EMAIL, OPERATOR_PASSWORD);
  await expect(page).toHaveURL(/\/u\/mfa\?state=[A-Za-z0-9]{32}$/, { timeout: 30_000 });
}

let secret = "";
let usedStep = 0;

test("an operator enrolls an authenticator app on the hosted page, saves the recovery code, and reaches the dashboard", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await passwordStep(page);
    await expect(page.getByRole("heading", { level: 1, name: "Secure your account" })).toBeVisible();
    await expect(page.getByRole("img", { name: new RegExp(`QR code to add ${OPERATOR_EMAIL}`) })).toBeVisible();
    secret = (await page.getByTestId("totp-secret").getAttribute("data-secret"))!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expect(page.getByTestId("totp-secret")).toHaveText(secret.match(/.{4}/g)!.join(" "));
    await expect(page.getByRole("link", { name: "Open in your authenticator app" })).toHaveAttribute("href", new RegExp(`^otpauth://totp/.*secret=${secret}&`));

    // A wrong code is refused on the field, which keeps focus.
    const code = page.getByLabel("Code from your authenticator app");
    await expect(code).toBeFocused();
    await code.fill(codeAt(secret, totpStep(Date.now()) + 10));
    await page.getByRole("button", { name: "Verify and continue" }).click();
    await expect(page.getByText("The code you entered is invalid.")).toBeVisible();
    await expect(code).toHaveAttribute("aria-invalid", "true");

    usedStep = totpStep(Date.now());
    await code.fill(codeAt(secret, usedStep));
    await page.getByRole("button", { name: "Verify and continue" }).click();
    await expect(page.getByRole("heading", { name: "Save your recovery code" })).toBeFocused();
    await expect(page.getByTestId("recovery-code")).toHaveText(/^([A-Z2-7]{4} ){5}[A-Z2-7]{4}$/);
    await page.getByRole("button", { name: "I have saved it, continue" }).click();
    await expect(page.getByTestId("operator-email")).toHaveText(OPERATOR_EMAIL, { timeout: 30_000 });
  } finally {
    await context.close();
  }
});

test("signing in again asks for a code from the app (a replayed one is refused)", async ({ browser }) => {
  expect(secret).not.toBe("");
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await passwordStep(page);
    await expect(page.getByRole("heading", { level: 1, name: "Verify your identity" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Use a recovery code/ })).toBeVisible();
    const code = page.getByLabel("Code from your authenticator app");
    await code.fill(codeAt(secret, usedStep));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("The code you entered is invalid.")).toBeVisible();

    await code.fill(codeAt(secret, Math.max(totpStep(Date.now()), usedStep + 1)));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByTestId("operator-email")).toHaveText(OPERATOR_EMAIL, { timeout: 30_000 });

    // The operator's own user page shows the enrollment; Reset MFA removes it.
    const [operator] = await instance.api<{ user_id: string }[]>("GET", `/users-by-email?email=${encodeURIComponent(OPERATOR_EMAIL)}`);
    await page.goto(`${instance.origin}/dashboard/users/${encodeURIComponent(operator!.user_id)}?tab=security`);
    await expect(page.getByTestId("mfa-status")).toContainText("Enrolled");
    await page.getByTestId("reset-mfa").click();
    await page.getByRole("button", { name: "Yes, reset mfa" }).click();
    await expect(page.getByTestId("mfa-status")).toContainText("Not enrolled");
    expect(await instance.api("GET", `/users/${encodeURIComponent(operator!.user_id)}/authentication-methods`)).toEqual([]);
  } finally {
    await context.close();
  }
});

test("without JavaScript a user enrolls, sees the recovery code, and the application gets amr pwd + mfa", async ({ browser }) => {
  const app = await instance.api<{ client_id: string; client_secret: string }>("POST", "/clients", {
    name: "MFA no-JS app",
    app_type: "regular_web",
    callbacks: [CALLBACK],
    grant_types: ["authorization_code"],
  });
  const user = await createUser(instance);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await catchCallback(page);
    const query = new URLSearchParams({ response_type: "code", client_id: app.client_id, redirect_uri: CALLBACK, scope: "openid email", state: "no-js" });
    await page.goto(`${instance.origin}/authorize?${query}`);
    await logIn(page, user.email);
    await expect(page).toHaveURL(/\/u\/mfa\?state=/);
    const key = (await page.getByTestId("totp-secret").getAttribute("data-secret"))!;
    await page.getByLabel("Code from your authenticator app").fill(codeAt(key, totpStep(Date.now())));
    await page.getByRole("button", { name: "Verify and continue" }).click();
    await expect(page.getByRole("heading", { name: "Save your recovery code" })).toBeVisible();
    await expect(page.getByTestId("recovery-code")).toHaveText(/^([A-Z2-7]{4} ){5}[A-Z2-7]{4}$/);
    const callback = await callbackQuery(page, () => page.getByRole("button", { name: "I have saved it, continue" }).click());
    expect(callback.get("state")).toBe("no-js");

    const response = await fetch(`${instance.origin}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", code: callback.get("code")!, redirect_uri: CALLBACK, client_id: app.client_id, client_secret: app.client_secret }),
    });
    expect(response.status).toBe(200);
    const { id_token } = (await response.json()) as { id_token: string };
    expect(decodeJwt(id_token)).toMatchObject({ sub: user.user_id, amr: ["pwd", "mfa"] });
  } finally {
    await context.close();
  }
});
