// Impersonation (issue 5; lib/services/impersonation): the Management API extension, the one-time
// login link, tokens with the RFC 8693 `act` claim that never exceed what the user could get,
// refresh rotation keeping `act`, the time box, ending, the log events, and the user's own
// sessions left alone. Runs on SQLite and PostgreSQL.
import { createRemoteJWKSet, customFetch, decodeJwt, jwtVerify } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { appFetch, call } from "../helpers/app.ts";
import { api, createUser, tag, userPath, type Json } from "../helpers/users.ts";
import { managementToken } from "../helpers/tokens.ts";
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_ISSUER } from "../setup/test-env.ts";
import type { Db } from "../../lib/db/client.ts";

const CALLBACK = "https://app.example.com/callback";
const ACTOR_SUB = `${TEST_BOOTSTRAP_CLIENT_ID}@clients`;
let db: Db;
let web: { client_id: string; client_secret: string; name: string };
let audience: string;
let reader: { id: string };
let userCookie: string;
let user: Json;

async function start(userId: string, body: Json) {
  return api("POST", `${userPath(userId)}/impersonate`, { client_id: web.client_id, reason: "Customer ticket #4711", ...body });
}

/** Opens the login link the way a browser does, and returns the callback it was sent to. */
async function openLink(loginUrl: string): Promise<URL> {
  const response = await appFetch(loginUrl, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!, TEST_ISSUER);
}

async function exchange(code: string) {
  const response = await call("POST", "/oauth/token", {
    form: { grant_type: "authorization_code", client_id: web.client_id, client_secret: web.client_secret, code, redirect_uri: CALLBACK },
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function refresh(refreshToken: string) {
  const response = await call("POST", "/oauth/token", {
    form: { grant_type: "refresh_token", client_id: web.client_id, client_secret: web.client_secret, refresh_token: refreshToken },
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function impersonatedTokens(userId: string, body: Json = {}) {
  const started = await start(userId, body);
  expect(started.status, started.text).toBe(200);
  const callback = await openLink(started.body.login_url);
  expect(callback.origin + callback.pathname).toBe(CALLBACK);
  const tokens = await exchange(callback.searchParams.get("code")!);
  expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);
  return { started: started.body as { login_url: string; impersonation: Json }, callback, tokens: tokens.body };
}

async function userSessionsUntouched(userId: string) {
  const { findActiveSession } = await import("../../lib/oidc/sessions/sessions.ts");
  const own = await findActiveSession(db, userCookie.split("=")[1]);
  expect(own?.user_id).toBe(userId);
  expect(own?.impersonation ?? null).toBeNull();
}

beforeAll(async () => {
  const { getDb } = await import("../../lib/db/client.ts");
  db = await getDb();
  audience = `https://api-${tag()}.example.com/`;
  const created = await api("POST", "/resource-servers", {
    identifier: audience,
    name: `Orders ${tag()}`,
    scopes: [{ value: "read:orders" }, { value: "write:orders" }],
    enforce_policies: true,
    token_dialect: "access_token_authz",
    allow_offline_access: true,
    skip_consent_for_verifiable_first_party_clients: true,
  });
  expect(created.status, created.text).toBe(201);
  const client = await api("POST", "/clients", { name: `Support app ${tag()}`, app_type: "regular_web", callbacks: [CALLBACK], grant_types: ["authorization_code", "refresh_token"] });
  expect(client.status, client.text).toBe(201);
  web = client.body;
  const role = await api("POST", "/roles", { name: `Reader ${tag()}` });
  reader = role.body;
  await api("POST", `/roles/${reader.id}/permissions`, { permissions: [{ resource_server_identifier: audience, permission_name: "read:orders" }] });

  user = await createUser({ name: "Impersonated Person" });
  await api("POST", `${userPath(user.user_id as string)}/roles`, { roles: [reader.id] });
  const { createSession } = await import("../../lib/oidc/sessions/sessions.ts");
  const { sessionCookieName } = await import("../../lib/oidc/sessions/session-cookie.ts");
  const { cookieValue } = await createSession(db, { userId: user.user_id as string, amr: ["pwd"] });
  userCookie = `${sessionCookieName()}=${cookieValue}`;
});

afterEach(() => {
  vi.useRealTimers();
});

describe("impersonation through the Management API", () => {
  it("returns a one-time login link; the tokens carry act and mark the login as impersonated", async () => {
    const userId = user.user_id as string;
    const before = await db.user.findUniqueOrThrow({ where: { user_id: userId }, select: { logins_count: true } });
    const { started, callback, tokens } = await impersonatedTokens(userId, { scope: "openid profile email offline_access read:orders", audience, state: "from-support" });
    expect(started.impersonation).toMatchObject({ user_id: userId, client_id: web.client_id, reason: "Customer ticket #4711", status: "pending", actor: { sub: ACTOR_SUB } });
    expect(callback.searchParams.get("state")).toBe("from-support");
    expect(callback.searchParams.get("iss")).toBe(TEST_ISSUER);

    const jwks = createRemoteJWKSet(new URL(`${TEST_ISSUER}.well-known/jwks.json`), { [customFetch]: appFetch });
    const { payload: idToken } = await jwtVerify(tokens.id_token!, jwks, { issuer: TEST_ISSUER, audience: web.client_id });
    expect(idToken).toMatchObject({ sub: userId, act: { sub: ACTOR_SUB }, amr: ["impersonation"], impersonated: true, name: "Impersonated Person" });
    const { payload: access } = await jwtVerify(tokens.access_token!, jwks, { issuer: TEST_ISSUER });
    expect(access).toMatchObject({ sub: userId, act: { sub: ACTOR_SUB }, permissions: ["read:orders"] });
    expect(String(access.scope).split(" ")).toContain("read:orders");
    // The session is the impersonation's own, not the user's.
    const { findActiveSession } = await import("../../lib/oidc/sessions/sessions.ts");
    expect(idToken.sid).not.toBe((await findActiveSession(db, userCookie.split("=")[1]))!.id);
    // Impersonation is not the user's login.
    expect((await db.user.findUniqueOrThrow({ where: { user_id: userId }, select: { logins_count: true } })).logins_count).toBe(before.logins_count);

    const listed = await api("GET", `${userPath(userId)}/impersonations`);
    expect(listed.status).toBe(200);
    expect(listed.body[0]).toMatchObject({ id: started.impersonation.id, status: "active", reason: "Customer ticket #4711", client_name: web.name });

    // The audit event of the API call never holds the login link.
    const sapi = await db.logEvent.findFirst({ where: { type: "sapi", description: { startsWith: "Impersonate a user" } }, orderBy: { log_id: "desc" } });
    expect(JSON.stringify(sapi?.details)).not.toContain(started.login_url.split("ticket=")[1]);
    const simp = await db.logEvent.findFirst({ where: { type: "simp", user_id: userId }, orderBy: { log_id: "desc" } });
    expect(simp).toMatchObject({ client_id: web.client_id });
    expect(simp?.details).toMatchObject({ impersonation_id: started.impersonation.id, actor: { sub: ACTOR_SUB }, reason: "Customer ticket #4711" });
    await userSessionsUntouched(userId);
  });

  it("the login link works once", async () => {
    const started = await start(user.user_id as string, {});
    await openLink(started.body.login_url);
    const again = await appFetch(started.body.login_url, { redirect: "manual" });
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toMatch(/^\/u\/error\?/);
    expect(await db.logEvent.count({ where: { type: "fimp", user_id: user.user_id as string } })).toBeGreaterThan(0);
  });

  it("tokens never exceed what the user could get: RBAC permissions, API scopes, the user's current roles", async () => {
    const userId = user.user_id as string;
    const { tokens } = await impersonatedTokens(userId, { scope: "openid offline_access read:orders write:orders undefined:scope", audience });
    const access = decodeJwt(tokens.access_token!);
    expect(String(access.scope).split(" ").sort()).toEqual(["offline_access", "openid", "read:orders"]);
    expect(access.permissions).toEqual(["read:orders"]);

    // The refresh grant re-reads the user's permissions: a role removed is gone from the next token.
    await api("DELETE", `${userPath(userId)}/roles`, { roles: [reader.id] });
    try {
      const next = await refresh(tokens.refresh_token!);
      expect(next.status).toBe(200);
      const narrowed = decodeJwt(next.body.access_token!);
      expect(narrowed.permissions).toEqual([]);
      expect(String(narrowed.scope).split(" ")).not.toContain("read:orders");
      expect(narrowed.act).toEqual({ sub: ACTOR_SUB });
      // A refresh may only narrow the original grant.
      const wider = await call("POST", "/oauth/token", {
        form: { grant_type: "refresh_token", client_id: web.client_id, client_secret: web.client_secret, refresh_token: next.body.refresh_token!, scope: "openid profile" },
      });
      expect(wider.status).toBe(400);
    } finally {
      await api("POST", `${userPath(userId)}/roles`, { roles: [reader.id] });
    }
  });

  it("without the user's consent, a third-party application gets no API scopes", async () => {
    const thirdParty = await api("POST", "/clients", { name: `Partner ${tag()}`, app_type: "regular_web", is_first_party: false, callbacks: [CALLBACK], grant_types: ["authorization_code"] });
    const started = await api("POST", `${userPath(user.user_id as string)}/impersonate`, { client_id: thirdParty.body.client_id, reason: "Partner debugging", scope: "openid read:orders", audience });
    expect(started.status, started.text).toBe(200);
    expect(started.body.impersonation.scope).toEqual(["openid"]);
  });

  it("refresh-token rotation keeps act, and nothing outlives the time box", async () => {
    const userId = user.user_id as string;
    const { started, tokens } = await impersonatedTokens(userId, { scope: "openid offline_access read:orders", audience, expires_in: 120 });
    const notAfter = Math.floor(Date.parse(started.impersonation.expires_at as string) / 1000);
    const first = decodeJwt(tokens.access_token!);
    expect(first.exp).toBeLessThanOrEqual(notAfter);
    expect(decodeJwt(tokens.id_token!).exp).toBeLessThanOrEqual(notAfter);

    const rotated = await refresh(tokens.refresh_token!);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(tokens.refresh_token);
    expect(decodeJwt(rotated.body.access_token!).act).toEqual({ sub: ACTOR_SUB });
    expect(decodeJwt(rotated.body.id_token!)).toMatchObject({ act: { sub: ACTOR_SUB }, amr: ["impersonation"] });
    expect(decodeJwt(rotated.body.access_token!).exp).toBeLessThanOrEqual(notAfter);
    const stored = await db.refreshToken.findMany({ where: { user_id: userId, grant: { not: undefined } }, orderBy: { created_at: "desc" }, take: 2 });
    for (const row of stored) expect(row.expires_at!.getTime()).toBeLessThanOrEqual(notAfter * 1000);

    // After the time box (the clock moved past it): refresh fails, the record says expired, the
    // end is logged once; the user's own session is still there.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 121_000 });
    const late = await refresh(rotated.body.refresh_token!);
    expect(late.status).toBe(403);
    expect(late.body.error).toBe("invalid_grant");
    const listed = await api("GET", `${userPath(userId)}/impersonations`);
    expect(listed.body.find((i: Json) => i.id === started.impersonation.id)).toMatchObject({ status: "expired", end_reason: "expired" });
    expect(await db.logEvent.count({ where: { type: "eimp", user_id: userId, details: { not: undefined } } })).toBeGreaterThan(0);
    await userSessionsUntouched(userId);
  });

  it("a link used after the time box fails", async () => {
    const started = await start(user.user_id as string, { expires_in: 60 });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    const response = await appFetch(started.body.login_url, { redirect: "manual" });
    expect(response.headers.get("location")).toMatch(/^\/u\/error\?/);
  });

  it("ending an impersonation revokes its session and refresh tokens and is logged; the user's sessions stay", async () => {
    const userId = user.user_id as string;
    const { started, tokens } = await impersonatedTokens(userId, { scope: "openid offline_access" });
    const id = started.impersonation.id as string;
    const ended = await api("POST", `/impersonations/${id}/end`);
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body).toMatchObject({ id, status: "ended", end_reason: "ended", ended_by: ACTOR_SUB });
    expect((await refresh(tokens.refresh_token!)).status).toBe(403);
    const session = await db.session.findUniqueOrThrow({ where: { id: decodeJwt(tokens.id_token!).sid as string } });
    expect(session.revoked_at).not.toBeNull();
    const events = await db.logEvent.findMany({ where: { type: "eimp", user_id: userId } });
    const eimp = events.find((e) => (e.details as Json).impersonation_id === id);
    expect(eimp?.details).toMatchObject({ impersonation_id: id, end_reason: "ended", reason: "Customer ticket #4711" });
    expect((await api("POST", `/impersonations/${id}/end`)).body.status).toBe("ended");
    await userSessionsUntouched(userId);
  });

  it("the operator's sessions are untouched and an operator acting from the dashboard is the act subject", async () => {
    const { startImpersonation } = await import("../../lib/services/impersonation/start-impersonation.ts");
    const { createSession, findActiveSession } = await import("../../lib/oidc/sessions/sessions.ts");
    const operator = await db.user.findFirstOrThrow({ where: { email: "operator@gatehouse.test" } });
    const { cookieValue } = await createSession(db, { userId: operator.user_id, amr: ["pwd"] });
    const started = await startImpersonation(db, user.user_id as string, { client_id: web.client_id, reason: "Dashboard check" }, { kind: "operator", userId: operator.user_id, email: operator.email });
    const callback = await openLink(started.login_url);
    const tokens = await exchange(callback.searchParams.get("code")!);
    expect(decodeJwt(tokens.body.id_token!).act).toEqual({ sub: operator.user_id });
    expect((await findActiveSession(db, cookieValue))?.user_id).toBe(operator.user_id);
    expect(started.impersonation.actor).toEqual({ sub: operator.user_id, email: operator.email });
  });

  it("is marked as a Gatehouse extension in the OpenAPI document", async () => {
    const doc = (await (await call("GET", "/api/v2/openapi.json")).json()) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const operation = doc.paths["/users/{id}/impersonate"]!.post!;
    expect(operation["x-gatehouse-extension"]).toBe(true);
    expect(String(operation.summary)).toContain("Gatehouse extension");
    expect(operation["x-scopes"]).toEqual({ any: ["impersonate:users"] });
  });

  it("refuses what must not happen, with 4xx and a specific message", async () => {
    const userId = user.user_id as string;
    const operator = await db.user.findFirstOrThrow({ where: { email: "operator@gatehouse.test" } });
    const cases: [string, Json, number, RegExp][] = [
      [operator.user_id, {}, 403, /Operators cannot be impersonated/],
      ["auth0|000000000000000000000000", {}, 404, /does not exist/],
      [userId, { reason: "" }, 400, /reason/i],
      [userId, { client_id: "nope" }, 400, /application does not exist/],
      [userId, { redirect_uri: "https://evil.example/cb" }, 400, /Callback URL mismatch/],
      [userId, { audience: "https://unknown.example/" }, 400, /Service not found/],
      [userId, { expires_in: 99_999 }, 400, /expires_in/],
      [userId, { extra: true }, 400, /extra/],
    ];
    for (const [id, body, status, message] of cases) {
      const r = await start(id, body);
      expect(r.status, `${JSON.stringify(body)} ${r.text}`).toBe(status);
      expect(r.body.message).toMatch(message);
    }
    const spa = await api("POST", "/clients", { name: `SPA ${tag()}`, app_type: "spa", callbacks: [CALLBACK] });
    expect((await start(userId, { client_id: spa.body.client_id })).body.message).toMatch(/public client/);
    const blocked = await createUser({ blocked: true });
    expect((await start(blocked.user_id as string, {})).status).toBe(400);

    const readOnly = await managementToken("read:users");
    const noScope = await api("POST", `${userPath(userId)}/impersonate`, { client_id: web.client_id, reason: "x".repeat(10) }, readOnly);
    expect(noScope.status).toBe(403);

    await api("PATCH", "/tenants/settings", { flags: { disable_impersonation: true } });
    try {
      const disabled = await start(userId, {});
      expect(disabled.status).toBe(403);
      expect(disabled.body.message).toMatch(/disabled/);
    } finally {
      await api("PATCH", "/tenants/settings", { flags: { disable_impersonation: false } });
    }
  });
});
