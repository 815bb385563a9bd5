// The dashboard follows the Gatehouse SSO session it was signed in with (requireOperator,
// lib/dashboard/operator-session.ts): once that session ends, the next dashboard navigation (a
// link followed in the open dashboard, or a page load) lands on the sign-in page, never on
// dashboard content, and signing in again asks for the password. Two ways to end it: the
// operator logs out of Gatehouse (/v2/logout) in another tab of the same browser, and another
// operator revokes the session from the dashboard. Each test signs in its own browser, so the
// worker's shared operator session (operatorPage) is not the one ended, and stays signed in.
import type { Page } from "@playwright/test";
import { expect, OPERATOR_EMAIL, signInToDashboard, test, uniqueEmail } from "./support/dashboard.ts";

/** The open dashboard follows a navigation link to `section`: it must land on the sign-in page. */
async function expectSentToSignIn(page: Page, section: string, path: string): Promise<void> {
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: section }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/sign-in\\?callbackUrl=${encodeURIComponent(path)}&reason=ended$`));
  await expect(page.getByRole("heading", { name: "Sign in to the Gatehouse dashboard" })).toBeVisible();
  await expect(page.getByText("Your Gatehouse session has ended")).toBeVisible();
  // Nothing of the signed-in dashboard is left on the page: no shell, no section content.
  // (Regression: a client navigation kept the layout's first render, so the operator's header and
  // navigation stayed around the sign-in page; components/dashboard/dashboard-frame.tsx.)
  await expect(page.getByTestId("operator-email")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Dashboard" })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1, name: section })).toHaveCount(0);
}

/** A page load of the dashboard goes to the sign-in page too, whose button asks for the password again. */
async function expectSignInAsksForPassword(page: Page): Promise<void> {
  await page.goto("/dashboard/users");
  await expect(page).toHaveURL(/\/dashboard\/sign-in\?callbackUrl=%2Fdashboard%2Fusers&reason=ended$/);
  await expect(page.getByTestId("operator-email")).toHaveCount(0);
  await page.getByRole("button", { name: "Sign in with your operator account" }).click();
  await expect(page).toHaveURL(/\/u\/login\?state=/);
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
}

test("logging out of Gatehouse in another tab sends the open dashboard back to sign-in", async ({ browser, dashboard, operatorPage }) => {
  const context = await browser.newContext({ baseURL: dashboard.origin });
  const page = await context.newPage();
  await signInToDashboard(page);
  await expect(page.getByTestId("operator-email")).toHaveText(OPERATOR_EMAIL, { timeout: 30_000 });
  await page.goto("/dashboard/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();

  // Another tab of the same browser logs out of Gatehouse (every application, the dashboard too).
  const tab = await context.newPage();
  await tab.goto(`${dashboard.issuer}v2/logout`);
  await expect(tab.getByRole("heading", { level: 1, name: "You have been logged out" })).toBeVisible();
  await tab.close();

  await expectSentToSignIn(page, "Applications", "/dashboard/applications");
  await expectSignInAsksForPassword(page);
  await context.close();

  // Only that browser's session ended: the worker's other operator session is still signed in.
  await operatorPage.goto("/dashboard");
  await expect(operatorPage.getByTestId("operator-email")).toHaveText(OPERATOR_EMAIL);
});

test("a session revoked by another operator sends the open dashboard back to sign-in", async ({ browser, dashboard, operatorPage }) => {
  // A second operator, made in the dashboard.
  const email = uniqueEmail("second-operator");
  const password = "Amber-Tidal-Lattice-58";
  await operatorPage.goto("/dashboard/users/new");
  await operatorPage.getByLabel("Connection").selectOption("gatehouse-operators");
  await operatorPage.getByLabel("Email", { exact: true }).fill(email);
  await operatorPage.getByLabel("Password", { exact: true }).fill(password);
  await operatorPage.getByLabel("Email already verified").check();
  await operatorPage.getByLabel("Grant the Gatehouse Operator role").check();
  await operatorPage.getByRole("button", { name: "Create user" }).click();
  await expect(operatorPage.getByTestId("toast-success")).toContainText(`User ${email} created.`);
  await expect(operatorPage).toHaveURL(/\/dashboard\/users\/auth0%7C/);
  const userPage = operatorPage.url();

  // They sign in, in their own browser.
  const context = await browser.newContext({ baseURL: dashboard.origin });
  const page = await context.newPage();
  await signInToDashboard(page, email, password);
  await expect(page.getByTestId("operator-email")).toHaveText(email, { timeout: 30_000 });

  // The first operator revokes that session on the second one's user page.
  await operatorPage.goto(`${userPage}?tab=sessions`);
  const sessions = operatorPage.getByTestId("user-sessions");
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await sessions.getByRole("button", { name: "Revoke" }).click();
  await operatorPage.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(operatorPage.getByTestId("toast-success")).toContainText("Session revoked.");
  await expect(operatorPage.getByText("The user is not signed in anywhere.")).toBeVisible();

  await expectSentToSignIn(page, "Roles", "/dashboard/roles");
  await expectSignInAsksForPassword(page);
  await context.close();
});
