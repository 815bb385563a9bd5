// "Fix breached password" through the dashboard: breached password detection flags a user the way
// it does in production (a login with a password from the breached-password corpus, the `block`
// shield on: lib/attack-protection/breached-password-detection.ts); the user page shows the flag;
// the operator sends the breach alert with its reset link; the user follows the emailed link in
// their own browser, chooses a new password on the hosted page; the flag is gone (Management API
// and dashboard) and the new password logs in.
import { createUser, expect, test, type DashboardInstance } from "./support/dashboard.ts";
import { createPasswordApp, passwordRealmLogin, testIp } from "./support/password-login.ts";

/** In the corpus built at install (SecLists' top million), and good enough for the default policy. */
const LEAKED = "Passw0rd!";
const NEW_PASSWORD = "Unbreached-Lantern-Passw0rd";

type BreachedUser = { user_id: string; breached_password?: { blocked?: boolean } };

const getUser = (dashboard: DashboardInstance, userId: string) => dashboard.api<BreachedUser>("GET", `/users/${encodeURIComponent(userId)}`);

/** A link of `links` to the hosted reset page. */
function resetLink(dashboard: DashboardInstance, links: string[]): string {
  const link = links.find((l) => l.startsWith(`${dashboard.issuer}u/reset-verify?ticket=`));
  if (!link) throw new Error(`no reset link in ${links.join(", ")}`);
  return link;
}

test("a user flagged at login for a breached password is fixed from the dashboard through the emailed reset link", async ({ operatorPage: page, dashboard, browser }) => {
  test.setTimeout(60_000);
  const settingsPath = "/attack-protection/breached-password-detection";
  const previous = await dashboard.api("GET", settingsPath);
  await dashboard.api("PATCH", settingsPath, { enabled: true, shields: ["block", "user_notification"], stage: { "pre-user-registration": { shields: [] }, "pre-change-password": { shields: ["block"] } } });
  try {
    const user = await createUser(dashboard, { password: LEAKED });
    const app = await createPasswordApp(dashboard);
    const ip = testIp();

    // The login that flags the user: the password is right, and breached, so it is refused.
    const refused = await passwordRealmLogin(dashboard, app, user.email, LEAKED, ip);
    expect(refused).toMatchObject({ status: 401, body: { error: "password_leaked" } });
    expect((await getUser(dashboard, user.user_id)).breached_password).toMatchObject({ blocked: true });
    // The login flow's own breach alert (the block shield emails the user too).
    const loginAlert = await dashboard.waitForEmail(user.email, /Password Breach Alert/);

    // The dashboard shows the flag, in the list and on the user page.
    await page.goto(`/dashboard/users?q=${encodeURIComponent(user.email)}`);
    await expect(page.getByTestId("user-row").filter({ hasText: user.email })).toContainText("Breached password");
    await page.getByRole("link", { name: user.email }).first().click();
    await expect(page.getByTestId("user-id")).toHaveText(user.user_id);
    const flag = page.getByRole("alert").filter({ hasText: "This user’s password was found in a data breach" });
    await expect(flag).toBeVisible();
    await expect(flag).toContainText("logins with it are blocked");

    // "Send reset": the breach alert again, with a fresh single-use link.
    const before = dashboard.emailsTo(user.email).length;
    await page.getByTestId("fix-breached-password").click();
    await expect(page.getByTestId("toast-success")).toContainText("Password breach alert sent");
    await expect.poll(() => dashboard.emailsTo(user.email).length, { timeout: 15_000 }).toBe(before + 1);
    const alert = dashboard.emailsTo(user.email).at(-1)!;
    expect(alert.subject).toMatch(/Password Breach Alert/);
    const link = resetLink(dashboard, alert.links);

    // The user, in their own browser. The login flow's older link was superseded by the new one.
    const context = await browser.newContext({ baseURL: dashboard.origin });
    const userPage = await context.newPage();
    await userPage.goto(resetLink(dashboard, loginAlert.links));
    await expect(userPage.getByRole("heading", { level: 1, name: "This link can’t be used" })).toBeVisible();
    await userPage.goto(link);
    await expect(userPage.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
    await userPage.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await userPage.getByLabel("Confirm new password").fill(NEW_PASSWORD);
    await userPage.getByRole("button", { name: "Change password" }).click();
    await expect(userPage.getByRole("status")).toContainText("Your password has been changed.");
    await context.close();

    // The flag is cleared: in the Management API and on the dashboard.
    expect((await getUser(dashboard, user.user_id)).breached_password).toBeUndefined();
    await page.reload();
    await expect(page.getByTestId("user-id")).toHaveText(user.user_id);
    await expect(page.getByRole("alert").filter({ hasText: "found in a data breach" })).toHaveCount(0);
    await expect(page.getByTestId("fix-breached-password")).toHaveCount(0);

    // The new password logs in; the breached one no longer does.
    const login = await passwordRealmLogin(dashboard, app, user.email, NEW_PASSWORD, ip);
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    expect(login.body.access_token).toEqual(expect.any(String));
    expect(login.body.id_token).toEqual(expect.any(String));
    expect((await passwordRealmLogin(dashboard, app, user.email, LEAKED, ip)).body).toMatchObject({ error: "invalid_grant" });
  } finally {
    // Other specs share this worker's instance: back to what it was.
    await dashboard.api("PATCH", settingsPath, previous);
  }
});
