// next-auth v4's Auth0 provider, pointed at Gatehouse, in a small node:http app running inside the
// test process (e2e/next-auth-app/server.ts): sign in through the hosted login page, see the
// session, sign out.
import { expect, test } from "./fixtures.ts";
import { startNextAuthApp, type NextAuthApp } from "./next-auth-app/server.ts";
import { createApp, createUser, ISSUER, logIn } from "./support/gatehouse.ts";

let rp: NextAuthApp;

test.beforeAll(async () => {
  rp = await startNextAuthApp();
  const app = await createApp({ callbacks: [rp.callbackUrl], allowed_logout_urls: [rp.origin] });
  rp.configure({ clientId: app.client_id, clientSecret: app.client_secret, issuer: ISSUER });
});

test.afterAll(async () => {
  await rp?.close();
});

test("signs in with next-auth's Auth0 provider through the hosted login page, shows the session, signs out", async ({ page }) => {
  const user = await createUser({ nickname: "nextauth-olive" });
  await page.goto(rp.origin);
  await expect(page.getByRole("heading", { name: "Not signed in" })).toBeVisible();

  // next-auth's own sign-in page: one button for the provider.
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign in with Auth0" }).click();
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}u/login\\?state=`));
  await logIn(page, user.email);

  // Back in the application, signed in: the profile comes from the ID token (name = nickname).
  await expect(page).toHaveURL(`${rp.origin}/`);
  await expect(page.getByRole("heading", { name: "Signed in" })).toBeVisible();
  await expect(page.getByTestId("session-email")).toHaveText(user.email);
  await expect(page.getByTestId("session-name")).toHaveText("nextauth-olive");

  // next-auth's sign-out page, then the application's session is gone.
  await page.getByRole("link", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${rp.origin}/`);
  await expect(page.getByRole("heading", { name: "Not signed in" })).toBeVisible();

  // Gatehouse's SSO session is still there: signing in again needs no password.
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign in with Auth0" }).click();
  await expect(page.getByTestId("session-email")).toHaveText(user.email);
});
