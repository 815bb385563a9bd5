// openid-client v6 as the relying party, run inside the test process against the instance, driving
// the real hosted login page in the browser: discovery → authorization URL with PKCE → login →
// code exchange (ID token validated by openid-client) → userinfo → refresh rotation → reuse of the
// old refresh token fails and revokes the family → revocation → RP-initiated logout → silent
// authentication now answers login_required.
//
// openid-client v6 refuses http:// issuers unless told otherwise; the instance under test is
// http://localhost:3100, so the configuration uses its documented testing switch
// `allowInsecureRequests` (never for production use).
import * as client from "openid-client";
import { expect, test } from "./fixtures.ts";
import { CALLBACK, catchCallback, createApp, createUser, ISSUER, LOGGED_OUT_URL, logIn, reachApplication, type App } from "./support/gatehouse.ts";

let app: App;

test.beforeAll(async () => {
  app = await createApp();
});

async function configuration(): Promise<client.Configuration> {
  return client.discovery(new URL(ISSUER), app.client_id, app.client_secret, undefined, { execute: [client.allowInsecureRequests] });
}

test("authorization code + PKCE through the hosted login page, tokens, userinfo, refresh rotation and reuse detection, revocation, logout", async ({ page }) => {
  const user = await createUser({ name: "Olive Client" });
  const config = await configuration();
  expect(config.serverMetadata().issuer).toBe(ISSUER);
  expect(config.serverMetadata().end_session_endpoint).toBe(`${ISSUER}oidc/logout`);
  await catchCallback(page);

  // 1. Authorization request with PKCE (S256), state and nonce; the person logs in on the hosted page.
  const codeVerifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const state = client.randomState();
  const scope = "openid profile email offline_access";
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    nonce,
    state,
  });
  await page.goto(authorizationUrl.href);
  const callback = await reachApplication(page, () => logIn(page, user.email));

  // 2. Code exchange: openid-client checks state, iss, the ID token's signature and claims, and nonce.
  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: codeVerifier, expectedNonce: nonce, expectedState: state });
  const claims = tokens.claims()!;
  expect(claims).toMatchObject({ iss: ISSUER, aud: app.client_id, sub: user.user_id, email: user.email, name: "Olive Client", nonce });
  expect(typeof claims.sid).toBe("string");
  expect(tokens.refresh_token).toBeTruthy();

  // 3. UserInfo with the access token (openid-client checks `sub`).
  const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  expect(info).toMatchObject({ sub: user.user_id, email: user.email, email_verified: true });

  // 4. Refresh: a new refresh token each time (rotation)...
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
  expect(refreshed.refresh_token).toBeTruthy();
  expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
  expect(refreshed.claims()?.sub).toBe(user.user_id);
  // ...and presenting the old one again is reuse: refused, and the whole family is revoked.
  const reuse = await client.refreshTokenGrant(config, tokens.refresh_token!).catch((e: unknown) => e);
  expect(reuse).toBeInstanceOf(client.ResponseBodyError);
  expect((reuse as client.ResponseBodyError).error).toBe("invalid_grant");
  const afterReuse = await client.refreshTokenGrant(config, refreshed.refresh_token!).catch((e: unknown) => e);
  expect((afterReuse as client.ResponseBodyError).error).toBe("invalid_grant");

  // 5. A second authorization rides the SSO session (no login page), then revocation.
  const secondVerifier = client.randomPKCECodeVerifier();
  const secondState = client.randomState();
  const secondUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(secondVerifier),
    code_challenge_method: "S256",
    state: secondState,
  });
  const secondCallback = await reachApplication(page, () => page.goto(secondUrl.href));
  expect(secondCallback.searchParams.get("code")).toBeTruthy();
  const second = await client.authorizationCodeGrant(config, secondCallback, { pkceCodeVerifier: secondVerifier, expectedState: secondState });
  await client.tokenRevocation(config, second.refresh_token!);
  const revoked = await client.refreshTokenGrant(config, second.refresh_token!).catch((e: unknown) => e);
  expect((revoked as client.ResponseBodyError).error).toBe("invalid_grant");

  // 6. RP-initiated logout with id_token_hint: straight to the allowed post-logout URL, with state.
  const endSession = client.buildEndSessionUrl(config, { id_token_hint: second.id_token!, post_logout_redirect_uri: LOGGED_OUT_URL, state: "bye" });
  const landed = await reachApplication(page, () => page.goto(endSession.href));
  expect(`${landed.origin}${landed.pathname}`).toBe(LOGGED_OUT_URL);
  expect(landed.searchParams.get("state")).toBe("bye");

  // 7. The session is gone: silent authentication answers login_required.
  const silentState = client.randomState();
  const silentUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: "openid",
    prompt: "none",
    state: silentState,
    code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
    code_challenge_method: "S256",
  });
  const silentCallback = await reachApplication(page, () => page.goto(silentUrl.href));
  const silent = await client.authorizationCodeGrant(config, silentCallback, { expectedState: silentState, pkceCodeVerifier: "unused-".padEnd(43, "x") }).catch((e: unknown) => e);
  expect(silent).toBeInstanceOf(client.AuthorizationResponseError);
  expect((silent as client.AuthorizationResponseError).error).toBe("login_required");
});

test("response_mode=form_post: the hosted login ends in an auto-submitted form to the callback", async ({ page }) => {
  const user = await createUser();
  const config = await configuration();
  const requests = await catchCallback(page);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  await page.goto(
    client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: "openid email",
      response_mode: "form_post",
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
    }).href,
  );
  await reachApplication(page, () => logIn(page, user.email));
  await page.waitForURL(CALLBACK);
  const posted = requests.find((r) => r.method === "POST");
  expect(posted).toBeTruthy();
  expect(posted!.form.get("state")).toBe(state);
  expect(posted!.form.get("iss")).toBe(ISSUER);
  // The code arrives in the POST body, never in a URL.
  expect(page.url()).toBe(CALLBACK);
  const tokens = await client.authorizationCodeGrant(
    config,
    new Request(CALLBACK, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: posted!.form.toString() }),
    { pkceCodeVerifier: codeVerifier, expectedState: state },
  );
  expect(tokens.claims()?.email).toBe(user.email);
});
