// The authorization code flow through the protocol core, with an SSO session made directly (the
// hosted login page has its own browser tests): /authorize → code → /oauth/token with PKCE →
// ID token → /userinfo → refresh rotation and reuse detection → revoke → logout.
import { createHash, randomBytes } from "node:crypto";
import { createRemoteJWKSet, customFetch, decodeJwt, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { appFetch, call } from "../helpers/app.ts";
import { managementToken } from "../helpers/tokens.ts";
import { TEST_ISSUER } from "../setup/test-env.ts";

const CALLBACK = "https://app.example.com/callback";
let spa: { client_id: string };
let web: { client_id: string; client_secret: string };
let userId: string;
let cookie: string;

const verifier = randomBytes(32).toString("base64url");
const challenge = createHash("sha256").update(verifier).digest("base64url");

async function mgmt(method: string, path: string, json?: unknown) {
  const response = await call(method, `/api/v2${path}`, { token: await managementToken(), json });
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

async function authorizeUrl(params: Record<string, string>, withCookie = true) {
  const response = await appFetch(`${TEST_ISSUER}authorize?${new URLSearchParams(params)}`, {
    redirect: "manual",
    headers: withCookie ? { cookie } : {},
  });
  return { status: response.status, location: response.headers.get("location") ?? "", body: await response.text() };
}

beforeAll(async () => {
  spa = await mgmt("POST", "/clients", { name: "SPA", app_type: "spa", callbacks: [CALLBACK], allowed_logout_urls: ["https://app.example.com/bye"] });
  web = await mgmt("POST", "/clients", { name: "Web", app_type: "regular_web", callbacks: [CALLBACK] });
  const { getDb } = await import("../../lib/db/client.ts");
  const { createDatabaseUser } = await import("../../lib/services/users/create-database-user.ts");
  const { createSession } = await import("../../lib/oidc/sessions/sessions.ts");
  const { sessionCookieName } = await import("../../lib/oidc/sessions/session-cookie.ts");
  const db = await getDb();
  const connection = await db.connection.findUniqueOrThrow({ where: { name: "Username-Password-Authentication" } });
  const user = await createDatabaseUser(db, connection, { email: "Flow.User@Example.com", password: "Flow-user-passw0rd!", name: "Flow User", email_verified: true });
  userId = user.user_id;
  const { cookieValue } = await createSession(db, { userId, amr: ["pwd"] });
  cookie = `${sessionCookieName()}=${cookieValue}`;
});

describe("authorization code flow", () => {
  it("issues a code for a signed-in user, exchanges it with PKCE, and serves userinfo", async () => {
    const nonce = randomBytes(8).toString("hex");
    const r = await authorizeUrl({ response_type: "code", client_id: spa.client_id, redirect_uri: CALLBACK, scope: "openid profile email offline_access", state: "xyz", nonce, code_challenge: challenge, code_challenge_method: "S256" });
    expect(r.status).toBe(302);
    const location = new URL(r.location);
    expect(location.origin + location.pathname).toBe(CALLBACK);
    expect(location.searchParams.get("state")).toBe("xyz");
    expect(location.searchParams.get("iss")).toBe(TEST_ISSUER);
    const code = location.searchParams.get("code")!;

    const token = await call("POST", "/oauth/token", { form: { grant_type: "authorization_code", client_id: spa.client_id, code, redirect_uri: CALLBACK, code_verifier: verifier } });
    expect(token.status).toBe(200);
    const tokens = (await token.json()) as Record<string, string>;
    expect(tokens).toMatchObject({ token_type: "Bearer" });
    expect(tokens.refresh_token).toBeTruthy();

    const jwks = createRemoteJWKSet(new URL(`${TEST_ISSUER}.well-known/jwks.json`), { [customFetch]: appFetch });
    const { payload } = await jwtVerify(tokens.id_token!, jwks, { issuer: TEST_ISSUER, audience: spa.client_id });
    expect(payload).toMatchObject({ sub: userId, nonce, email: "flow.user@example.com", email_verified: true, name: "Flow User" });
    expect(typeof payload.auth_time).toBe("number");
    expect(typeof payload.sid).toBe("string");

    const info = await call("GET", "/userinfo", { token: tokens.access_token });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ sub: userId, email: "flow.user@example.com", name: "Flow User" });
  });

  it("refresh tokens rotate, and reusing an old one revokes the whole family", async () => {
    const r = await authorizeUrl({ response_type: "code", client_id: spa.client_id, redirect_uri: CALLBACK, scope: "openid offline_access", code_challenge: challenge, code_challenge_method: "S256" });
    const code = new URL(r.location).searchParams.get("code")!;
    const first = (await (await call("POST", "/oauth/token", { form: { grant_type: "authorization_code", client_id: spa.client_id, code, redirect_uri: CALLBACK, code_verifier: verifier } })).json()) as Record<string, string>;
    const second = (await (await call("POST", "/oauth/token", { form: { grant_type: "refresh_token", client_id: spa.client_id, refresh_token: first.refresh_token! } })).json()) as Record<string, string>;
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const reuse = await call("POST", "/oauth/token", { form: { grant_type: "refresh_token", client_id: spa.client_id, refresh_token: first.refresh_token! } });
    expect(reuse.status).toBe(403);
    expect(await reuse.json()).toEqual({ error: "invalid_grant", error_description: "Unknown or invalid refresh token." });
    const afterBreach = await call("POST", "/oauth/token", { form: { grant_type: "refresh_token", client_id: spa.client_id, refresh_token: second.refresh_token! } });
    expect(afterBreach.status).toBe(403);
  });

  it("a replayed code fails and revokes the tokens issued from it", async () => {
    const r = await authorizeUrl({ response_type: "code", client_id: spa.client_id, redirect_uri: CALLBACK, scope: "openid offline_access", code_challenge: challenge, code_challenge_method: "S256" });
    const code = new URL(r.location).searchParams.get("code")!;
    const form = { grant_type: "authorization_code", client_id: spa.client_id, code, redirect_uri: CALLBACK, code_verifier: verifier };
    const tokens = (await (await call("POST", "/oauth/token", { form })).json()) as Record<string, string>;
    const replay = await call("POST", "/oauth/token", { form });
    expect(replay.status).toBe(403);
    expect((await replay.json()).error).toBe("invalid_grant");
    const refresh = await call("POST", "/oauth/token", { form: { grant_type: "refresh_token", client_id: spa.client_id, refresh_token: tokens.refresh_token! } });
    expect(refresh.status).toBe(403);
  });

  it("PKCE is required for public clients and the verifier must match", async () => {
    const missing = await authorizeUrl({ response_type: "code", client_id: spa.client_id, redirect_uri: CALLBACK, scope: "openid", state: "s1" });
    const error = new URL(missing.location);
    expect(error.searchParams.get("error")).toBe("invalid_request");
    expect(error.searchParams.get("error_description")).toBe("code_challenge is required for public clients (PKCE, S256).");
    expect(error.searchParams.get("state")).toBe("s1");

    const r = await authorizeUrl({ response_type: "code", client_id: spa.client_id, redirect_uri: CALLBACK, scope: "openid", code_challenge: challenge, code_challenge_method: "S256" });
    const code = new URL(r.location).searchParams.get("code")!;
    const wrong = await call("POST", "/oauth/token", { form: { grant_type: "authorization_code", client_id: spa.client_id, code, redirect_uri: CALLBACK, code_verifier: randomBytes(32).toString("base64url") } });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ error: "invalid_grant", error_description: "Failed to verify code verifier" });
  });

  it("a mismatched redirect_uri renders the error page and never redirects to it", async () => {
    const r = await authorizeUrl({ response_type: "code", client_id: spa.client_id, redirect_uri: "https://evil.example/callback", scope: "openid", code_challenge: challenge, code_challenge_method: "S256" });
    expect(r.status).toBe(302);
    expect(r.location.startsWith("/u/error?")).toBe(true);
    expect(r.location).not.toContain("evil.example/callback?");
    const unknown = await authorizeUrl({ response_type: "code", client_id: "nope", redirect_uri: CALLBACK });
    expect(unknown.location.startsWith("/u/error?")).toBe(true);
  });

  it("without a session: the login page, or login_required for prompt=none", async () => {
    const interactive = await authorizeUrl({ response_type: "code", client_id: web.client_id, redirect_uri: CALLBACK, scope: "openid" }, false);
    expect(interactive.location).toMatch(/^\/u\/login\?state=[A-Za-z0-9]{32}$/);
    const signup = await authorizeUrl({ response_type: "code", client_id: web.client_id, redirect_uri: CALLBACK, scope: "openid", screen_hint: "signup" }, false);
    expect(signup.location).toMatch(/^\/u\/signup\?state=/);
    const silent = await authorizeUrl({ response_type: "code", client_id: web.client_id, redirect_uri: CALLBACK, scope: "openid", prompt: "none", state: "q" }, false);
    expect(new URL(silent.location).searchParams.get("error")).toBe("login_required");
    const forced = await authorizeUrl({ response_type: "code", client_id: web.client_id, redirect_uri: CALLBACK, scope: "openid", prompt: "login" });
    expect(forced.location).toMatch(/^\/u\/login\?state=/);
  });

  it("confidential clients authenticate at the token endpoint; codes are bound to their client", async () => {
    const r = await authorizeUrl({ response_type: "code", client_id: web.client_id, redirect_uri: CALLBACK, scope: "openid" });
    const code = new URL(r.location).searchParams.get("code")!;
    const stolen = await call("POST", "/oauth/token", { form: { grant_type: "authorization_code", client_id: spa.client_id, code, redirect_uri: CALLBACK } });
    expect(stolen.status).toBe(403);
    const noSecret = await call("POST", "/oauth/token", { form: { grant_type: "authorization_code", client_id: web.client_id, code, redirect_uri: CALLBACK } });
    expect(noSecret.status).toBe(401);
    const ok = await call("POST", "/oauth/token", { form: { grant_type: "authorization_code", client_id: web.client_id, client_secret: web.client_secret, code, redirect_uri: CALLBACK } });
    expect(ok.status).toBe(200);
    const { access_token } = (await ok.json()) as { access_token: string };
    expect(decodeJwt(access_token).aud).toBe(`${TEST_ISSUER}userinfo`);
  });

  it("a refresh token used by another client fails", async () => {
    const r = await authorizeUrl({ response_type: "code", client_id: spa.client_id, redirect_uri: CALLBACK, scope: "openid offline_access", code_challenge: challenge, code_challenge_method: "S256" });
    const code = new URL(r.location).searchParams.get("code")!;
    const tokens = (await (await call("POST", "/oauth/token", { form: { grant_type: "authorization_code", client_id: spa.client_id, code, redirect_uri: CALLBACK, code_verifier: verifier } })).json()) as Record<string, string>;
    const other = await call("POST", "/oauth/token", { form: { grant_type: "refresh_token", client_id: web.client_id, client_secret: web.client_secret, refresh_token: tokens.refresh_token! } });
    expect(other.status).toBe(403);
    const revoke = await call("POST", "/oauth/revoke", { form: { client_id: spa.client_id, token: tokens.refresh_token! } });
    expect(revoke.status).toBe(200);
    const afterRevoke = await call("POST", "/oauth/token", { form: { grant_type: "refresh_token", client_id: spa.client_id, refresh_token: tokens.refresh_token! } });
    expect(afterRevoke.status).toBe(403);
  });

  it("logout refuses an open redirect, and ends the session for every application", async () => {
    const evil = await appFetch(`${TEST_ISSUER}v2/logout?${new URLSearchParams({ client_id: spa.client_id, returnTo: "https://evil.example/" })}`, { redirect: "manual", headers: { cookie } });
    expect(evil.headers.get("location")!.startsWith("/u/error?")).toBe(true);
    const ok = await appFetch(`${TEST_ISSUER}v2/logout?${new URLSearchParams({ client_id: spa.client_id, returnTo: "https://app.example.com/bye" })}`, { redirect: "manual", headers: { cookie } });
    expect(ok.headers.get("location")).toBe("https://app.example.com/bye");
    expect(ok.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    const after = await authorizeUrl({ response_type: "code", client_id: web.client_id, redirect_uri: CALLBACK, scope: "openid", prompt: "none" });
    expect(new URL(after.location).searchParams.get("error")).toBe("login_required");
  });
});
