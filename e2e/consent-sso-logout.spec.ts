// Consent, single sign-on and logout across applications, in a real browser: a third-party
// application asks for consent once (prompt=consent asks again; Decline answers access_denied);
// a second application signs in without a login prompt; logout ends the session for both; the
// RP-initiated logout confirmation; and logout redirects only to allowed URLs (no open redirect).
import { expect, test } from "./fixtures.ts";
import { authorizeUrl, callbackQuery, catchCallback, createApp, createUser, formAlert, ISSUER, LOGGED_OUT_URL, logIn, reachApplication, type App } from "./support/gatehouse.ts";

let thirdParty: App;
let firstParty: App;

test.beforeAll(async () => {
  thirdParty = await createApp({ is_first_party: false, logo_uri: "https://app.example/logo.png" });
  firstParty = await createApp();
});

test("a third-party application asks for consent once; prompt=consent asks again; Decline answers access_denied", async ({ page }) => {
  const user = await createUser();
  await catchCallback(page);
  await page.goto(authorizeUrl(thirdParty, { scope: "openid profile email offline_access", state: "c-1" }));
  await logIn(page, user.email);

  await expect(page).toHaveURL(/\/u\/consent\?state=/);
  await expect(page.getByRole("heading", { level: 1, name: `Authorize ${thirdParty.name}` })).toBeVisible();
  await expect(page.getByTestId("consent-user")).toHaveText(user.email);
  await expect(page.locator("[data-scope]")).toHaveText([/name, nickname and picture/, /email address/, /while you are not using the application/]);
  const accepted = await callbackQuery(page, () => page.getByRole("button", { name: "Accept" }).click());
  expect(accepted.get("code")).toBeTruthy();
  expect(accepted.get("state")).toBe("c-1");

  // Consent is remembered: the next authorization goes straight back with a code.
  const again = await callbackQuery(page, () => page.goto(authorizeUrl(thirdParty, { scope: "openid profile email", state: "c-2" })));
  expect(again.get("code")).toBeTruthy();

  // prompt=consent asks again; Decline sends access_denied with the application's state.
  await page.goto(authorizeUrl(thirdParty, { scope: "openid profile", prompt: "consent", state: "c-3" }));
  await expect(page).toHaveURL(/\/u\/consent\?state=/);
  const declined = await callbackQuery(page, () => page.getByRole("button", { name: "Decline" }).click());
  expect(declined.get("error")).toBe("access_denied");
  expect(declined.get("state")).toBe("c-3");
  expect(declined.get("code")).toBeNull();
});

test("the consent page is only for the browser session that logged in", async ({ page, browser, baseURL }) => {
  const user = await createUser();
  await page.goto(authorizeUrl(thirdParty));
  await logIn(page, user.email);
  await expect(page).toHaveURL(/\/u\/consent\?state=/);
  const other = await browser.newContext({ baseURL });
  try {
    const intruder = await other.newPage();
    await intruder.goto(page.url());
    await expect(intruder).toHaveURL(/\/u\/error\?/);
    await expect(intruder.getByTestId("error-code")).toHaveText("access_denied");
  } finally {
    await other.close();
  }
});

test("single sign-on to a second application, and logout ends it for both", async ({ page }) => {
  const user = await createUser();
  await catchCallback(page);
  await page.goto(authorizeUrl(firstParty));
  expect((await callbackQuery(page, () => logIn(page, user.email))).get("code")).toBeTruthy();

  // A second application: no login prompt (the third-party one only asks for consent).
  const second = await createApp();
  const sso = await callbackQuery(page, () => page.goto(authorizeUrl(second, { state: "sso" })));
  expect(sso.get("code")).toBeTruthy();
  expect(sso.get("state")).toBe("sso");

  // Logout at /v2/logout (Auth0's), back to an allowed URL.
  const landed = await reachApplication(page, () => page.goto(`${ISSUER}v2/logout?client_id=${second.client_id}&returnTo=${encodeURIComponent(LOGGED_OUT_URL)}`));
  expect(landed.href).toBe(LOGGED_OUT_URL);

  for (const app of [firstParty, second]) {
    const silent = await callbackQuery(page, () => page.goto(authorizeUrl(app, { prompt: "none", state: "silent" })));
    expect(silent.get("error")).toBe("login_required");
    expect(silent.get("state")).toBe("silent");
  }
});

test("RP-initiated logout without a hint asks first: No keeps the session, Yes ends it", async ({ page }) => {
  const user = await createUser();
  await catchCallback(page);
  await page.goto(authorizeUrl(firstParty));
  await callbackQuery(page, () => logIn(page, user.email));
  const logoutUrl = `${ISSUER}oidc/logout?client_id=${firstParty.client_id}&post_logout_redirect_uri=${encodeURIComponent(LOGGED_OUT_URL)}&state=s-9`;

  await page.goto(logoutUrl);
  await expect(page).toHaveURL(/\/u\/logout\?/);
  await expect(page.getByRole("heading", { level: 1, name: `Log out of ${firstParty.name}?` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Yes, log out" })).toBeFocused();
  await page.getByRole("button", { name: "No, stay logged in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "You are still logged in" })).toBeVisible();
  expect((await callbackQuery(page, () => page.goto(authorizeUrl(firstParty, { prompt: "none" })))).get("code")).toBeTruthy();

  await page.goto(logoutUrl);
  const landed = await reachApplication(page, () => page.getByRole("button", { name: "Yes, log out" }).click());
  expect(`${landed.origin}${landed.pathname}`).toBe(LOGGED_OUT_URL);
  expect(landed.searchParams.get("state")).toBe("s-9");
  expect((await page.context().cookies(ISSUER)).some((c) => c.name === "gatehouse_session" && c.value)).toBe(false);
  expect((await callbackQuery(page, () => page.goto(authorizeUrl(firstParty, { prompt: "none" })))).get("error")).toBe("login_required");

  // Without a session there is nothing to confirm; without a redirect URL, the "logged out" page.
  await page.goto(`${ISSUER}oidc/logout`);
  await expect(page.getByRole("heading", { level: 1, name: "You have been logged out" })).toBeVisible();
});

test.describe("attacks", () => {
  test("logout never redirects to a URL that is not allowed", async ({ page }) => {
    const user = await createUser();
    await catchCallback(page);
    const evil = "https://evil.example/steal";
    const leaks: string[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith("https://evil.example")) leaks.push(request.url());
    });
    for (const url of [
      `${ISSUER}v2/logout?returnTo=${encodeURIComponent(evil)}`,
      `${ISSUER}v2/logout?client_id=${firstParty.client_id}&returnTo=${encodeURIComponent(evil)}`,
      `${ISSUER}oidc/logout?client_id=${firstParty.client_id}&post_logout_redirect_uri=${encodeURIComponent(evil)}`,
      `${ISSUER}oidc/logout?client_id=${firstParty.client_id}&post_logout_redirect_uri=${encodeURIComponent(`${LOGGED_OUT_URL}.evil.example/`)}`,
    ]) {
      await page.goto(url);
      await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/u\/error\?/);
      await expect(page.getByTestId("error-description")).toContainText("is not defined as a valid URL");
    }

    // A tampered confirmation form is checked again by its action.
    await page.goto(authorizeUrl(firstParty));
    await callbackQuery(page, () => logIn(page, user.email));
    await page.goto(`${ISSUER}oidc/logout?client_id=${firstParty.client_id}&post_logout_redirect_uri=${encodeURIComponent(LOGGED_OUT_URL)}`);
    await page.locator("input[name=post_logout_redirect_uri]").evaluate((input, url) => ((input as HTMLInputElement).value = url), evil);
    await page.getByRole("button", { name: "Yes, log out" }).click();
    await expect(page).toHaveURL(/\/u\/error\?/);
    expect(leaks).toEqual([]);
  });

  test("the logout confirmation refuses a post without its CSRF token", async ({ page }) => {
    const user = await createUser();
    await catchCallback(page);
    await page.goto(authorizeUrl(firstParty));
    await callbackQuery(page, () => logIn(page, user.email));
    await page.goto(`${ISSUER}oidc/logout?client_id=${firstParty.client_id}`);
    await page.locator("input[name=csrf_token]").evaluate((input) => input.remove());
    await page.getByRole("button", { name: "Yes, log out" }).click();
    await expect(formAlert(page)).toContainText("This form has expired or was not sent from this site");
    expect((await callbackQuery(page, () => page.goto(authorizeUrl(firstParty, { prompt: "none" })))).get("code")).toBeTruthy();
  });
});
