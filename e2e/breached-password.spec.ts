// Breached password detection's fix flow in a real browser: with the `block` shield on, a person
// whose password is in the breached-password corpus is refused at the hosted login page, receives
// the "Password Breach Alert" (the instance's SMTP server), follows its link, is refused a breached
// new password, sets a good one, and logs in with it.
import { expect, test } from "@playwright/test";
import { CALLBACK, createApplication, linkStartingWith, ISSUER, managementApi, unique, waitForEmail } from "./email-helpers.ts";

/** In the corpus built at install (SecLists' top million), and good enough for the default policy. */
const LEAKED = "Passw0rd!";
const NEW_PASSWORD = "Unbreached-Lantern-Passw0rd";

test("a person with a breached password is blocked, resets it through the emailed link, and logs in", async ({ page, request }) => {
  const admin = await managementApi(request);
  const settings = { enabled: true, shields: ["block", "user_notification"], stage: { "pre-change-password": { shields: ["block"] } } };
  expect((await admin("PATCH", "/attack-protection/breached-password-detection", settings)).status).toBe(200);
  try {
    const { authorizeUrl, api } = await createApplication(request);
    const email = `${unique("breached")}@example.com`;
    const created = await api("POST", "/users", { connection: "Username-Password-Authentication", email, password: LEAKED, verify_email: false });
    expect(created.status).toBe(201);

    await page.goto(authorizeUrl());
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(LEAKED);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText(/previously disclosed through a data breach/)).toBeVisible();
    const flagged = await api("GET", `/users/${encodeURIComponent(created.body.user_id as string)}`);
    expect(flagged.body.breached_password).toMatchObject({ blocked: true });

    const alert = await waitForEmail(email, /Password Breach Alert/);
    await page.goto(linkStartingWith(alert, `${ISSUER}u/reset-verify?ticket=`));
    await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
    const password = page.getByLabel("New password", { exact: true });
    const confirm = page.getByLabel("Confirm new password");
    // A breached new password is refused too (pre-change-password `block`).
    await password.fill("Paaf213XXYYZZ");
    await confirm.fill("Paaf213XXYYZZ");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText(/disclosed through a data breach/)).toBeVisible();
    await password.fill(NEW_PASSWORD);
    await confirm.fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status")).toContainText("Your password has been changed.");

    await page.goto(authorizeUrl());
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((url) => url.href.startsWith(CALLBACK));
    expect(new URL(page.url()).searchParams.get("code")).toBeTruthy();
    expect((await api("GET", `/users/${encodeURIComponent(created.body.user_id as string)}`)).body.breached_password).toBeUndefined();
  } finally {
    // The instance is shared with the other specs: back to the default.
    await admin("PATCH", "/attack-protection/breached-password-detection", { enabled: false, shields: [], stage: { "pre-change-password": { shields: [] } } });
  }
});
