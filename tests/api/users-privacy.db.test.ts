// GDPR extensions of the Management API: GET /api/v2/users/{id}/export (everything held about a
// user, as JSON, without secrets) and POST /api/v2/users/{id}/erase (deletion plus the residue a
// deletion leaves, log events kept but no longer naming the person). Driven over the app's HTTP
// handlers with data made the way it is made in production: Management API calls, a hosted login
// (session), the password-realm grant (refresh-token family), a consent, a reset ticket, emails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeRequest, createApp, interactionState, type App } from "../helpers/hosted-login.ts";
import { call } from "../helpers/app.ts";
import { useTestSmtp, type TestSmtpServer } from "../helpers/smtp.ts";
import { managementToken } from "../helpers/tokens.ts";
import { api, createUser, db, DEFAULT_CONNECTION, operatorUserId, PASSWORD, tag, userPath } from "../helpers/users.ts";

const REALM = "http://auth0.com/oauth/grant-type/password-realm";
let smtp: TestSmtpServer;
let app: App;
let apiIdentifier: string;

async function settle() {
  const { settleBackgroundWork } = await import("../../lib/email/background.ts");
  await settleBackgroundWork();
}

/** Log events are committed by a worker: wait until `count` match. */
async function eventsWhere(where: Record<string, unknown>, count = 1) {
  await settle();
  const database = await db();
  for (let i = 0; i < 100; i++) {
    const rows = await database.logEvent.findMany({ where, orderBy: { log_id: "asc" } });
    if (rows.length >= count) return rows;
    await new Promise((r) => setTimeout(r, 20));
  }
  return database.logEvent.findMany({ where, orderBy: { log_id: "asc" } });
}

/** A user with data in every table the export covers. */
async function richUser() {
  const user = await createUser({ name: "Grace Hopper", user_metadata: { theme: "dark" }, app_metadata: { plan: "gold" } });
  const userId = user.user_id as string;
  const email = user.email as string;
  const role = await api("POST", "/roles", { name: `role-${tag()}`, description: "Readers" });
  expect((await api("POST", `${userPath(userId)}/roles`, { roles: [role.body.id] })).status).toBe(204);
  expect((await api("POST", `${userPath(userId)}/permissions`, { permissions: [{ resource_server_identifier: apiIdentifier, permission_name: "read:things" }] })).status).toBe(201);
  // A session, through the hosted login.
  const { loginWithPassword } = await import("../../lib/services/login/login-with-password.ts");
  const state = interactionState(await authorizeRequest({ client_id: app.client_id, state: "s" }));
  await loginWithPassword(await db(), { state, identifier: email, password: PASSWORD, ip: "198.51.100.77", userAgent: "Privacy-Test-Browser/1.0" });
  // A consent.
  const { recordConsent } = await import("../../lib/services/login/record-consent.ts");
  await recordConsent(await db(), { userId, clientId: app.client_id, audience: apiIdentifier, scopes: ["read:things"] });
  // A refresh-token family (password-realm grant with offline_access).
  const tokens = await call("POST", "/oauth/token", {
    form: { grant_type: REALM, client_id: app.client_id, client_secret: app.client_secret!, realm: DEFAULT_CONNECTION, username: email, password: PASSWORD, audience: apiIdentifier, scope: "openid offline_access read:things" },
  });
  const tokenBody = (await tokens.json()) as Record<string, string>;
  expect(tokens.status).toBe(200);
  expect(tokenBody.refresh_token).toBeTruthy();
  // A reset ticket, a failed login, an email and a Management API event mentioning the user.
  const ticket = await api("POST", "/tickets/password-change", { user_id: userId });
  expect(ticket.status).toBe(201);
  await call("POST", "/oauth/token", { form: { grant_type: REALM, client_id: app.client_id, client_secret: app.client_secret!, realm: DEFAULT_CONNECTION, username: email, password: "Wrong-Password-1" } });
  expect((await api("PATCH", userPath(userId), { user_metadata: { city: "Arlington" }, verify_email: true })).status).toBe(200);
  await settle();
  return { userId, email, roleId: role.body.id as string, refreshToken: tokenBody.refresh_token!, ticketUrl: ticket.body.ticket as string };
}

beforeAll(async () => {
  smtp = await useTestSmtp();
  apiIdentifier = `https://privacy-${tag()}.example.com/`;
  expect((await api("POST", "/resource-servers", { identifier: apiIdentifier, name: `Privacy ${tag()}`, scopes: [{ value: "read:things" }], allow_offline_access: true })).status).toBe(201);
  app = await createApp({ grant_types: ["authorization_code", "refresh_token", REALM] });
});

afterAll(async () => {
  await settle();
  const { closeSmtpTransports } = await import("../../lib/email/transport.ts");
  closeSmtpTransports();
  await smtp.stop();
});

describe("GET /api/v2/users/{id}/export", () => {
  it("returns profile, identities, metadata, roles, permissions, consents, sessions, token families, tickets, emails, MFA authenticators and logs, without secrets", async () => {
    const { userId, email, roleId, refreshToken, ticketUrl } = await richUser();
    // An authenticator app and a recovery code, as enrollment stores them.
    const { getDb } = await import("../../lib/db/client.ts");
    const db = await getDb();
    const suffix = userId.slice(-12);
    await db.authenticator.create({ data: { id: `totp|dev_${suffix}`, user_id: userId, type: "otp", secret_encrypted: "OTP-SECRET-MARKER", confirmed: true, confirmed_at: new Date(), last_used_step: 1 } });
    await db.authenticator.create({ data: { id: `recovery-code|dev_${suffix}`, user_id: userId, type: "recovery-code", secret_hash: "RECOVERY-HASH-MARKER", confirmed: true, confirmed_at: new Date() } });
    const r = await api("GET", `${userPath(userId)}/export`);
    expect(r.status).toBe(200);
    const data = r.body;
    expect(data).toMatchObject({ format: "gatehouse.user-export", version: 1, exported_at: expect.any(String) });
    expect(data.user).toMatchObject({
      user_id: userId,
      email,
      name: "Grace Hopper",
      user_metadata: { theme: "dark", city: "Arlington" },
      app_metadata: { plan: "gold" },
      identities: [{ connection: DEFAULT_CONNECTION, provider: "auth0", isSocial: false }],
    });
    expect(data.password).toMatchObject({ set: true, updated_at: expect.any(String) });
    expect(data.roles).toEqual([expect.objectContaining({ id: roleId, description: "Readers", assigned_at: expect.any(String) })]);
    expect(data.permissions).toEqual(
      expect.arrayContaining([expect.objectContaining({ resource_server_identifier: apiIdentifier, permission_name: "read:things", sources: expect.arrayContaining([expect.objectContaining({ source_type: "DIRECT" })]) })]),
    );
    expect(data.consents).toEqual([
      expect.objectContaining({ client_id: app.client_id, client_name: app.name, audience: apiIdentifier, scope: ["read:things"], created_at: expect.any(String), updated_at: expect.any(String) }),
    ]);
    expect(data.sessions).toHaveLength(1);
    expect(data.sessions[0]).toMatchObject({ ip: "198.51.100.77", user_agent: "Privacy-Test-Browser/1.0", authentication_methods: ["pwd"], revoked_at: null });
    expect(data.sessions[0].clients).toEqual([expect.objectContaining({ client_id: app.client_id, client_name: app.name })]);
    expect(data.refresh_token_families).toHaveLength(1);
    expect(data.refresh_token_families[0]).toMatchObject({ client_id: app.client_id, audience: apiIdentifier, active: true, tokens_issued: 1 });
    expect(data.tickets).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "password_change", created_at: expect.any(String), expires_at: expect.any(String), consumed_at: null })]));
    expect(data.emails).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "verification", to: email })]));
    expect(data.blocks).toEqual([]);
    expect(data.breached_password).toBeNull();
    const types = (data.logs as { type: string }[]).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(["s", "sepft", "fp", "scpr"]));
    expect(data.logs_truncated).toBe(false);
    expect(data.mfa_authenticators).toEqual([
      { id: `totp|dev_${suffix}`, type: "otp", active: true, created_at: expect.any(String), confirmed_at: expect.any(String), last_used_at: null },
      { id: `recovery-code|dev_${suffix}`, type: "recovery-code", active: true, created_at: expect.any(String), confirmed_at: expect.any(String), last_used_at: null },
    ]);

    // Nothing secret: no hash, no token, no ticket secret, no email body.
    const text = r.text;
    expect(text).not.toMatch(/"(hash|token_hash|secret_hash|secret_encrypted|code_hash|csrf_secret|html|text)"/);
    expect(text).not.toContain("OTP-SECRET-MARKER");
    expect(text).not.toContain("RECOVERY-HASH-MARKER");
    expect(text).not.toContain(refreshToken);
    expect(text).not.toContain(new URL(ticketUrl).searchParams.get("ticket")!);
    // The bulk read is on the record.
    expect(await eventsWhere({ type: "mgmt_api_read", user_id: userId })).toHaveLength(1);
  });

  it("answers Auth0's errors: 404 for an unknown user, 403 without read:users, 400 for a malformed id", async () => {
    expect((await api("GET", `${userPath("auth0|000000000000000000000000")}/export`)).body).toMatchObject({ statusCode: 404, errorCode: "inexistent_user" });
    const user = await createUser();
    const narrow = await managementToken("read:roles");
    expect((await api("GET", `${userPath(user.user_id as string)}/export`, undefined, narrow)).status).toBe(403);
    expect((await api("GET", `/users/${"x".repeat(600)}/export`)).status).toBe(400);
  });

  it("is marked as a Gatehouse extension in the OpenAPI document", async () => {
    const { MANAGEMENT_OPERATIONS } = await import("../../lib/management/routes/index.ts");
    const ops = MANAGEMENT_OPERATIONS.filter((op) => op.path === "/users/{id}/export" || op.path === "/users/{id}/erase");
    expect(ops.map((op) => [op.method, op.extension])).toEqual([
      ["POST", true],
      ["GET", true],
    ]);
  });
});

describe("POST /api/v2/users/{id}/erase", () => {
  it("deletes the user and everything around them; kept log events no longer name the person", async () => {
    const { userId, email } = await richUser();
    const database = await db();
    expect(await database.emailMessage.count({ where: { to: email.toLowerCase() } })).toBeGreaterThan(0);
    const patchEvents = await eventsWhere({ type: "sapi", description: "Update a user" }, 1);
    const mentioning = patchEvents.filter((event) => JSON.stringify(event.details).includes(email.toLowerCase()) || JSON.stringify(event.details).includes(encodeURIComponent(userId)));
    expect(mentioning.length).toBeGreaterThan(0);
    const ownEvents = await database.logEvent.count({ where: { user_id: userId } });
    expect(ownEvents).toBeGreaterThan(3);

    // A refused creation with the same address a day before the account existed (outside the
    // bound a plain deletion searches from): erasure scans the whole trail.
    const { newLogId } = await import("../../lib/crypto/ids.ts");
    const dayBefore = new Date(Date.now() - 86_400_000);
    const earlier = await database.logEvent.create({
      data: { log_id: newLogId(dayBefore), date: dayBefore, type: "fapi", description: "Password is too weak", client_id: "some-client", details: { request: { method: "POST", path: "/api/v2/users", body: { email: email.toLowerCase(), connection: DEFAULT_CONNECTION } }, response: { statusCode: 400 } } },
    });

    const r = await api("POST", `${userPath(userId)}/erase`);
    expect(r.status).toBe(204);
    expect(JSON.stringify((await database.logEvent.findUniqueOrThrow({ where: { log_id: earlier.log_id } })).details)).not.toContain(email.toLowerCase());

    expect((await api("GET", userPath(userId))).status).toBe(404);
    expect(await database.session.count({ where: { user_id: userId } })).toBe(0);
    expect(await database.refreshToken.count({ where: { user_id: userId } })).toBe(0);
    expect(await database.userGrant.count({ where: { user_id: userId } })).toBe(0);
    expect(await database.ticket.count({ where: { user_id: userId } })).toBe(0);
    expect(await database.authorizationCode.count({ where: { user_id: userId } })).toBe(0);
    expect(await database.emailMessage.count({ where: { OR: [{ user_id: userId }, { to: email.toLowerCase() }] } })).toBe(0);

    // The user's events are kept under one pseudonym, without name, IP or browser.
    await settle();
    expect(await database.logEvent.count({ where: { user_id: userId } })).toBe(0);
    const kept = await database.logEvent.findMany({ where: { user_id: { startsWith: "erased|" } } });
    const pseudonyms = new Set(kept.map((event) => event.user_id));
    expect(pseudonyms.size).toBe(1);
    expect(kept.length).toBeGreaterThanOrEqual(ownEvents);
    expect(kept.every((event) => event.user_name === null && event.ip === null && event.user_agent === null)).toBe(true);
    expect(kept.map((event) => event.type)).toEqual(expect.arrayContaining(["s", "fp", "sdu"]));
    // Management API events that mentioned the user (by email, id, or in a path) are scrubbed.
    for (const event of mentioning) {
      const after = await database.logEvent.findUniqueOrThrow({ where: { log_id: event.log_id } });
      const details = JSON.stringify(after.details);
      expect(details).not.toContain(email.toLowerCase());
      expect(details).not.toContain(userId);
      expect(details).not.toContain(encodeURIComponent(userId));
      expect(details).not.toContain("Arlington");
    }

    // Idempotent: erasing again (or an unknown id) is the same 204.
    expect((await api("POST", `${userPath(userId)}/erase`)).status).toBe(204);
  });

  it("refuses operators' accounts and tokens without delete:users", async () => {
    const operator = await operatorUserId();
    expect((await api("POST", `${userPath(operator)}/erase`)).body).toMatchObject({ statusCode: 400, errorCode: "operation_not_supported" });
    const user = await createUser();
    const readOnly = await managementToken("read:users");
    expect((await api("POST", `${userPath(user.user_id as string)}/erase`, undefined, readOnly)).status).toBe(403);
    expect((await api("GET", userPath(user.user_id as string))).status).toBe(200);
  });
});
