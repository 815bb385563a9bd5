// Releasing a brute-force block from the dashboard: ten failed logins for one user from one IP
// (the password-realm grant, each "from" its own IP through the trusted auth0-forwarded-for header)
// block that user from that IP; a second IP gets its own block. The user page (Password & blocks)
// lists both; the operator releases one with its own Release button; GET /api/v2/user-blocks/{id}
// then lists only the other, and the right password logs in again from the released IP only.
import { createUser, expect, test, USER_PASSWORD, type DashboardInstance } from "./support/dashboard.ts";
import { createPasswordApp, DEFAULT_CONNECTION, passwordRealmLogin, testIp, type PasswordApp } from "./support/password-login.ts";

type Blocks = { blocked_for: { identifier: string; ip?: string; connection?: string }[] };

async function failTenTimes(dashboard: DashboardInstance, app: PasswordApp, email: string, ip: string): Promise<void> {
  for (let i = 1; i <= 10; i++) {
    const answer = await passwordRealmLogin(dashboard, app, email, `Wrong-password-${i}`, ip);
    expect(answer.body.error, `attempt ${i} from ${ip}`).toBe("invalid_grant");
  }
}

test("a brute-force block is listed on the user page and released on its own", async ({ operatorPage: page, dashboard }) => {
  test.setTimeout(60_000);
  const user = await createUser(dashboard);
  const app = await createPasswordApp(dashboard);
  const released = testIp("203.0.113");
  const kept = testIp("198.51.100");
  const blocksPath = `/user-blocks/${encodeURIComponent(user.user_id)}`;

  await failTenTimes(dashboard, app, user.email, released);
  await failTenTimes(dashboard, app, user.email, kept);
  // Blocked from both: even the right password is refused.
  for (const ip of [released, kept]) expect(await passwordRealmLogin(dashboard, app, user.email, USER_PASSWORD, ip)).toMatchObject({ status: 429, body: { error: "too_many_attempts" } });
  const blocks = await dashboard.api<Blocks>("GET", blocksPath);
  expect(blocks.blocked_for).toHaveLength(2);
  expect(blocks.blocked_for).toEqual(
    expect.arrayContaining([
      { identifier: user.email, ip: released, connection: DEFAULT_CONNECTION },
      { identifier: user.email, ip: kept, connection: DEFAULT_CONNECTION },
    ]),
  );

  await page.goto(`/dashboard/users/${encodeURIComponent(user.user_id)}`);
  await page.getByRole("navigation", { name: "User sections" }).getByRole("link", { name: "Password & blocks" }).click();
  const list = page.getByTestId("brute-force-blocks");
  await expect(list.getByRole("listitem")).toHaveCount(2);
  const releasedRow = list.getByRole("listitem").filter({ hasText: `from ${released}` });
  await expect(releasedRow).toContainText(user.email);
  await expect(releasedRow).toContainText(`in ${DEFAULT_CONNECTION}`);
  // Not the administrator block: the header's Block button is untouched.
  await expect(page.getByTestId("block-toggle")).toHaveText("Block");

  await releasedRow.getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("toast-success")).toContainText("Login block released.");
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("listitem")).toContainText(`from ${kept}`);

  expect((await dashboard.api<Blocks>("GET", blocksPath)).blocked_for).toEqual([{ identifier: user.email, ip: kept, connection: DEFAULT_CONNECTION }]);
  const login = await passwordRealmLogin(dashboard, app, user.email, USER_PASSWORD, released);
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  expect(login.body.access_token).toEqual(expect.any(String));
  expect(await passwordRealmLogin(dashboard, app, user.email, USER_PASSWORD, kept)).toMatchObject({ status: 429, body: { error: "too_many_attempts" } });
  expect((await dashboard.api<{ blocked?: boolean }>("GET", `/users/${encodeURIComponent(user.user_id)}`)).blocked ?? false).toBe(false);

  // The release is in the user's log events.
  await page.getByRole("navigation", { name: "User sections" }).getByRole("link", { name: "Logs" }).click();
  await expect(page.getByTestId("user-logs")).toContainText("User login block released in the dashboard");
});
