// The password grants (auth0-authentication.md §3.3) and the attack protection behind them
// (Part F): wrong credentials, blocked users, brute-force lockout with the UserBlock row, the
// limit_wc event, the blocked-account email (received by a real SMTP server) and its unblock link,
// suspicious IP throttling, the trusted auth0-forwarded-for header, and the scope rules.
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { linkIn, useTestSmtp, type TestSmtpServer } from "../helpers/smtp.ts";
import { api, createUser, PASSWORD, tag, uniqueEmail } from "../helpers/users.ts";
import { TEST_ISSUER } from "../setup/test-env.ts";

const REALM = "http://auth0.com/oauth/grant-type/password-realm";
const CONNECTION = "Username-Password-Authentication";
let smtp: TestSmtpServer;
let app: { client_id: string; client_secret: string };
let trusted: { client_id: string; client_secret: string };
let noGrant: { client_id: string; client_secret: string };
let apiIdentifier: string;

async function token(form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await call("POST", "/oauth/token", { form, headers });
  return { status: response.status, body: (await response.json()) as Record<string, string>, headers: response.headers };
}

const realmLogin = (username: string, password: string, extra: Record<string, string> = {}, client = app) =>
  token({ grant_type: REALM, client_id: client.client_id, client_secret: client.client_secret, realm: CONNECTION, username, password, ...extra });

async function logsOf(type: string, userName: string) {
  const { getDb } = await import("../../lib/db/client.ts");
  const { settleBackgroundWork } = await import("../../lib/email/background.ts");
  await settleBackgroundWork();
  const db = await getDb();
  // The log sink commits asynchronously in a worker; poll briefly.
  for (let i = 0; i < 50; i++) {
    const rows = await db.logEvent.findMany({ where: { type, user_name: userName } });
    if (rows.length) return rows;
    await new Promise((r) => setTimeout(r, 20));
  }
  return [];
}

beforeAll(async () => {
  smtp = await useTestSmtp();
  const grantTypes = ["password", REALM, "refresh_token"];
  app = (await api("POST", "/clients", { name: `ropg-${tag()}`, app_type: "regular_web", grant_types: grantTypes })).body;
  trusted = (await api("POST", "/clients", { name: `ropg-trusted-${tag()}`, app_type: "regular_web", grant_types: grantTypes, is_token_endpoint_ip_header_trusted: true })).body;
  noGrant = (await api("POST", "/clients", { name: `no-ropg-${tag()}`, app_type: "regular_web", grant_types: ["authorization_code"] })).body;
  apiIdentifier = `https://api-${tag()}.example.com/`;
  const created = await api("POST", "/resource-servers", { identifier: apiIdentifier, name: `API ${tag()}`, scopes: [{ value: "read:things" }, { value: "write:things" }], allow_offline_access: true });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  const { settleBackgroundWork } = await import("../../lib/email/background.ts");
  await settleBackgroundWork();
  const { closeSmtpTransports } = await import("../../lib/email/transport.ts");
  closeSmtpTransports();
  await smtp.stop();
});

describe("password-realm grant", () => {
  it("issues tokens for the right password, with the standard OIDC scopes for `openid`", async () => {
    const user = await createUser({ name: "Realm User" });
    const r = await realmLogin(user.email as string, PASSWORD, { scope: "openid" });
    expect(r.status).toBe(200);
    expect(r.body.token_type).toBe("Bearer");
    expect(r.body.scope).toBe("openid profile email address phone");
    const idToken = decodeJwt(r.body.id_token!);
    expect(idToken).toMatchObject({ iss: TEST_ISSUER, sub: user.user_id, aud: app.client_id, email: user.email, name: "Realm User", amr: ["pwd"] });
    const { getDb } = await import("../../lib/db/client.ts");
    await new Promise((r) => setTimeout(r, 100));
    const events = await (await getDb()).logEvent.findMany({ where: { type: "sepft", user_id: user.user_id as string } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ client_id: app.client_id, scope: "openid profile email address phone" });
  });

  it("grants every scope of the audience when none is asked, and refresh tokens with offline_access", async () => {
    const user = await createUser();
    const r = await realmLogin(user.email as string, PASSWORD, { audience: apiIdentifier, scope: "openid offline_access" });
    expect(r.status).toBe(200);
    expect(r.body.scope!.split(" ")).toEqual(expect.arrayContaining(["openid", "offline_access", "read:things", "write:things"]));
    expect(r.body.refresh_token).toBeTruthy();
    const access = decodeJwt(r.body.access_token!);
    expect(access.aud).toEqual([apiIdentifier, `${TEST_ISSUER}userinfo`]);
    const narrowed = await realmLogin(user.email as string, PASSWORD, { audience: apiIdentifier, scope: "read:things" });
    expect(narrowed.body.scope).toBe("read:things");
  });

  it("log events carry the end user's IP from a trusted backend's auth0-forwarded-for, never an untrusted one's", async () => {
    const { getDb } = await import("../../lib/db/client.ts");
    const db = await getDb();
    // Each event is committed before the response that reports it (lib/logs/log-sink.ts).
    const eventsOf = (userId: string) => db.logEvent.findMany({ where: { user_id: userId }, select: { type: true, ip: true } });
    const user = await createUser();
    const ok = await realmLogin(user.email as string, PASSWORD, {}, trusted);
    expect(ok.status).toBe(200);
    // (The request above had no header: the backend's own address.)
    expect(await eventsOf(user.user_id as string)).toEqual(expect.arrayContaining([{ type: "s", ip: "203.0.113.7" }, { type: "sepft", ip: "203.0.113.7" }]));

    const forwarded = await token(
      { grant_type: REALM, client_id: trusted.client_id, client_secret: trusted.client_secret, realm: CONNECTION, username: user.email as string, password: PASSWORD },
      { "auth0-forwarded-for": "198.51.100.77" },
    );
    expect(forwarded.status).toBe(200);
    const wrong = await token(
      { grant_type: REALM, client_id: trusted.client_id, client_secret: trusted.client_secret, realm: CONNECTION, username: user.email as string, password: "Wrong-password-0" },
      { "auth0-forwarded-for": "198.51.100.78" },
    );
    expect(wrong.status).toBe(403);
    const events = await eventsOf(user.user_id as string);
    expect(events.filter((e) => e.ip === "198.51.100.77").map((e) => e.type).sort()).toEqual(["s", "sepft"]);
    expect(events.filter((e) => e.ip === "198.51.100.78").map((e) => e.type)).toEqual(["fp"]);
    const failed = await db.logEvent.findMany({ where: { type: "fepft", client_id: trusted.client_id, ip: "198.51.100.78" } });
    expect(failed).toHaveLength(1);

    // An application not trusted with the header cannot move the IP in the log.
    const spoofed = await realmLogin(user.email as string, PASSWORD, {}, app);
    expect(spoofed.status).toBe(200);
    const untrusted = await token(
      { grant_type: REALM, client_id: app.client_id, client_secret: app.client_secret, realm: CONNECTION, username: user.email as string, password: PASSWORD },
      { "auth0-forwarded-for": "198.51.100.79" },
    );
    expect(untrusted.status).toBe(200);
    expect((await eventsOf(user.user_id as string)).some((e) => e.ip === "198.51.100.79")).toBe(false);
  });

  it("answers 403 invalid_grant with the same words for a wrong password and an unknown user", async () => {
    const user = await createUser();
    const wrong = await realmLogin(user.email as string, "Not-the-password-1");
    const unknown = await realmLogin(uniqueEmail("nobody"), "Not-the-password-1");
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ error: "invalid_grant", error_description: "Wrong email or password." });
    }
  });

  it("refuses an application without the grant, an unknown realm and a missing username", async () => {
    const user = await createUser();
    const refused = await realmLogin(user.email as string, PASSWORD, {}, noGrant);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: "unauthorized_client", error_description: `Grant type '${REALM}' not allowed for the client.` });
    const unknownRealm = await token({ grant_type: REALM, client_id: app.client_id, client_secret: app.client_secret, realm: "no-such-connection", username: "a@b.c", password: "x" });
    expect(unknownRealm.status).toBe(400);
    expect(unknownRealm.body.error).toBe("invalid_request");
    const missing = await token({ grant_type: REALM, client_id: app.client_id, client_secret: app.client_secret, realm: CONNECTION, password: "x" });
    expect(missing.body).toEqual({ error: "invalid_request", error_description: "Missing required parameter: username" });
    const passwordGrant = await token({ grant_type: "password", client_id: noGrant.client_id, client_secret: noGrant.client_secret, username: "a@b.c", password: "x" });
    expect(passwordGrant.body).toEqual({ error: "unauthorized_client", error_description: "Grant type 'password' not allowed for the client." });
  });

  it("answers 401 unauthorized 'user is blocked' for an administrator-blocked user, only after the right password", async () => {
    const user = await createUser({ blocked: true });
    const r = await realmLogin(user.email as string, PASSWORD);
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ error: "unauthorized", error_description: "user is blocked" });
    const wrong = await realmLogin(user.email as string, "Wrong-password-9");
    expect(wrong.body.error).toBe("invalid_grant");
  });
});

describe("password grant (default_directory)", () => {
  it("needs the tenant's default_directory, then authenticates against it", async () => {
    const user = await createUser();
    const form = { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: user.email as string, password: PASSWORD };
    const before = await token(form);
    expect(before.status).toBe(400);
    expect(before.body.error_description).toBe("Authorization server not configured with default connection.");
    expect((await api("PATCH", "/tenants/settings", { default_directory: CONNECTION })).status).toBe(200);
    try {
      const after = await token(form);
      expect(after.status).toBe(200);
      expect(after.body.access_token).toBeTruthy();
    } finally {
      await api("PATCH", "/tenants/settings", { default_directory: "" });
    }
  });
});

describe("brute-force protection", () => {
  it("blocks the identifier for the IP after 10 consecutive failures, emails an unblock link, and the link unblocks", async () => {
    const user = await createUser({ name: "Bruce Force" });
    const email = user.email as string;
    for (let i = 1; i <= 10; i++) {
      const r = await realmLogin(email, `Wrong-password-${i}`);
      expect(r.status, `attempt ${i}`).toBe(403);
    }
    // Blocked now: even the right password is refused, before it is checked.
    const blocked = await realmLogin(email, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({
      error: "too_many_attempts",
      error_description: "Your account has been blocked after multiple consecutive login attempts. We've sent you an email with instructions on how to unblock it.",
    });

    const blocks = await api("GET", `/user-blocks?identifier=${encodeURIComponent(email)}`);
    expect(blocks.body).toEqual({ blocked_for: [{ identifier: email, ip: "203.0.113.7", connection: CONNECTION }] });
    expect((await api("GET", `/user-blocks/${encodeURIComponent(user.user_id as string)}`)).body.blocked_for).toHaveLength(1);
    expect(await logsOf("limit_wc", email)).toHaveLength(1);

    const message = await smtp.waitFor(email, /blocked/);
    expect(message.text).toContain("203.0.113.7");
    const link = new URL(linkIn(message, `${TEST_ISSUER}u/unblock?token=`));
    const { blockIdFromUnblockToken } = await import("../../lib/attack-protection/unblock-link.ts");
    const { releaseBlock } = await import("../../lib/attack-protection/brute-force-protection.ts");
    const { getDb } = await import("../../lib/db/client.ts");
    const blockId = blockIdFromUnblockToken(link.searchParams.get("token")!);
    expect(blockId).toBeTruthy();
    expect(await releaseBlock(await getDb(), blockId!)).toMatchObject({ released: true });
    // Single use.
    expect(await releaseBlock(await getDb(), blockId!)).toEqual({ released: false });
    expect((await api("GET", `/user-blocks?identifier=${encodeURIComponent(email)}`)).body).toEqual({ blocked_for: [] });
    expect(await logsOf("ublkdu", email)).toHaveLength(1);
    expect((await realmLogin(email, PASSWORD)).status).toBe(200);
  });

  it("a forged or altered unblock token names no block", async () => {
    const { blockIdFromUnblockToken, unblockLink } = await import("../../lib/attack-protection/unblock-link.ts");
    const token = new URL(unblockLink("abc")).searchParams.get("token")!;
    expect(blockIdFromUnblockToken(token)).toBe("abc");
    expect(blockIdFromUnblockToken(token.replace(/^[^.]+/, Buffer.from("other").toString("base64url")))).toBeNull();
    expect(blockIdFromUnblockToken("garbage")).toBeNull();
  });

  it("a success resets the count; other IPs are unaffected; unknown identifiers are counted without an email", async () => {
    const user = await createUser();
    const email = user.email as string;
    for (let i = 0; i < 9; i++) await realmLogin(email, "Wrong-password-0");
    expect((await realmLogin(email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 9; i++) await realmLogin(email, "Wrong-password-0");
    expect((await realmLogin(email, PASSWORD)).status).toBe(200);

    const ghost = uniqueEmail("ghost");
    for (let i = 0; i < 10; i++) await realmLogin(ghost, "Wrong-password-0");
    const r = await realmLogin(ghost, "Wrong-password-0");
    expect(r.status).toBe(429);
    expect(r.body.error).toBe("too_many_attempts");
    expect((await api("GET", `/user-blocks?identifier=${encodeURIComponent(ghost)}`)).body.blocked_for).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.to(ghost)).toHaveLength(0);

    // The block is for 203.0.113.7 (the test client's address); a trusted server passing another
    // end-user IP is not blocked. An untrusted application cannot move the IP.
    const other = await realmLogin(ghost, "Wrong-password-0", {}, trusted);
    expect(other.status).toBe(429);
    const elsewhere = await token(
      { grant_type: REALM, client_id: trusted.client_id, client_secret: trusted.client_secret, realm: CONNECTION, username: ghost, password: "Wrong-password-0" },
      { "auth0-forwarded-for": "198.51.100.20" },
    );
    expect(elsewhere.status).toBe(403);
    const spoofed = await token(
      { grant_type: REALM, client_id: app.client_id, client_secret: app.client_secret, realm: CONNECTION, username: ghost, password: "Wrong-password-0" },
      { "auth0-forwarded-for": "198.51.100.21" },
    );
    expect(spoofed.status).toBe(429);
  });

  it("an allow-listed IP is never blocked; max_attempts is configurable; a password reset clears blocks", async () => {
    expect((await api("PATCH", "/attack-protection/brute-force-protection", { allowlist: ["203.0.113.0/24"] })).status).toBe(200);
    const user = await createUser();
    const email = user.email as string;
    try {
      for (let i = 0; i < 12; i++) await realmLogin(email, "Wrong-password-0");
      expect((await realmLogin(email, PASSWORD)).status).toBe(200);
    } finally {
      await api("PATCH", "/attack-protection/brute-force-protection", { allowlist: [], max_attempts: 3 });
    }
    try {
      for (let i = 0; i < 3; i++) await realmLogin(email, "Wrong-password-0");
      expect((await realmLogin(email, PASSWORD)).status).toBe(429);
      const { getDb } = await import("../../lib/db/client.ts");
      const { issueTicket } = await import("../../lib/services/tickets/issue-ticket.ts");
      const { resetPassword } = await import("../../lib/services/authentication/reset-password.ts");
      const db = await getDb();
      const { token: ticket } = await db.$transaction((tx) => issueTicket(tx, { kind: "password_change", userId: user.user_id as string, data: {}, ttlSeconds: 600 }));
      await resetPassword(db, { token: ticket, password: "A-brand-new-Passw0rd" });
      expect((await api("GET", `/user-blocks?identifier=${encodeURIComponent(email)}`)).body).toEqual({ blocked_for: [] });
      expect((await realmLogin(email, "A-brand-new-Passw0rd")).status).toBe(200);
    } finally {
      await api("PATCH", "/attack-protection/brute-force-protection", { max_attempts: 10 });
    }
  });
});

describe("suspicious IP throttling", () => {
  it("throttles an IP after max_attempts failures across accounts, with Retry-After and a limit_mu event", async () => {
    expect((await api("PATCH", "/attack-protection/suspicious-ip-throttling", { stage: { "pre-login": { max_attempts: 5, rate: 864_000 } } })).status).toBe(200);
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 30}`;
    const attempt = (username: string, password = "Wrong-password-0") =>
      token({ grant_type: REALM, client_id: trusted.client_id, client_secret: trusted.client_secret, realm: CONNECTION, username, password }, { "auth0-forwarded-for": ip });
    try {
      for (let i = 0; i < 5; i++) expect((await attempt(uniqueEmail("spray"))).status).toBe(403);
      const user = await createUser();
      const throttled = await attempt(user.email as string, PASSWORD);
      expect(throttled.status).toBe(429);
      expect(throttled.body.error).toBe("too_many_attempts");
      expect(throttled.body.error_description).toMatch(/suspicious login behavior/);
      expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
      const { getDb } = await import("../../lib/db/client.ts");
      await new Promise((r) => setTimeout(r, 100));
      const events = await (await getDb()).logEvent.findMany({ where: { type: "limit_mu" } });
      expect(events.some((e) => (e.details as { ip?: string } | null)?.ip === ip)).toBe(true);
      // Allow-listed: not throttled.
      await api("PATCH", "/attack-protection/suspicious-ip-throttling", { allowlist: [ip] });
      expect((await attempt(user.email as string, PASSWORD)).status).toBe(200);
    } finally {
      await api("PATCH", "/attack-protection/suspicious-ip-throttling", { allowlist: [], stage: { "pre-login": { max_attempts: 100 } } });
    }
  });
});
