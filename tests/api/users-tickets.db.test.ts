// POST /api/v2/tickets/password-change and /email-verification (auth0-management-api.md §3.12), and
// the service that verifies and consumes tickets for the hosted pages (consumeTicket).
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../lib/crypto/random.ts";
import { consumeTicket } from "../../lib/services/tickets/consume-ticket.ts";
import { findUsableTicket } from "../../lib/services/tickets/find-usable-ticket.ts";
import { managementToken } from "../helpers/tokens.ts";
import { api, createConnection, createUser, db, operatorUserId, tag, type Json } from "../helpers/users.ts";

const passwordTicket = (body: unknown, token?: string) => api("POST", "/tickets/password-change", body, token);
const verificationTicket = (body: unknown, token?: string) => api("POST", "/tickets/email-verification", body, token);
const tokenOf = (url: string) => new URL(url).searchParams.get("ticket")!;

async function defaultConnectionId(): Promise<string> {
  return (await (await db()).connection.findUniqueOrThrow({ where: { name: "Username-Password-Authentication" }, select: { id: true } })).id;
}

describe("POST /api/v2/tickets/password-change", () => {
  it("answers 201 { ticket } with a single-use link; only the token's hash is stored; 5 days by default; scpr", async () => {
    const user = await createUser();
    const started = Date.now();
    const r = await passwordTicket({ user_id: user.user_id, result_url: "https://app.example/done", mark_email_as_verified: true });
    expect(r.status).toBe(201);
    expect(Object.keys(r.body)).toEqual(["ticket"]);
    expect(r.body.ticket).toMatch(/^https:\/\/gatehouse\.test\/u\/reset-verify\?ticket=[A-Za-z0-9]{32}#$/);
    const token = tokenOf(r.body.ticket);
    const database = await db();
    const row = await database.ticket.findUniqueOrThrow({ where: { token_hash: sha256Hex(token) } });
    expect(row).toMatchObject({ kind: "password_change", user_id: user.user_id, consumed_at: null });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.data).toMatchObject({ result_url: "https://app.example/done", mark_email_as_verified: true });
    const ttl = row.expires_at.getTime() - started;
    expect(ttl).toBeGreaterThan(432_000_000 - 60_000);
    expect(ttl).toBeLessThan(432_000_000 + 60_000);
    expect(await database.logEvent.count({ where: { type: "scpr", user_id: user.user_id as string } })).toBe(1);

    const used = await consumeTicket(database, "password_change", token);
    expect(used).toMatchObject({ kind: "password_change", userId: user.user_id, data: { mark_email_as_verified: true } });
    expect(await consumeTicket(database, "password_change", token)).toBeNull();
    expect(await findUsableTicket(database, "password_change", token)).toBeNull();
  });

  it("finds the user by email (any case) and connection_id", async () => {
    const user = await createUser();
    const r = await passwordTicket({ email: (user.email as string).toUpperCase(), connection_id: await defaultConnectionId() });
    expect(r.status).toBe(201);
    expect((await consumeTicket(await db(), "password_change", tokenOf(r.body.ticket)))?.userId).toBe(user.user_id);
  });

  it("honours ttl_sec (0 means the default)", async () => {
    const user = await createUser();
    const database = await db();
    const short = tokenOf((await passwordTicket({ user_id: user.user_id, ttl_sec: 60 })).body.ticket);
    const expires = (await database.ticket.findUniqueOrThrow({ where: { token_hash: sha256Hex(short) } })).expires_at.getTime();
    expect(Math.abs(expires - (Date.now() + 60_000))).toBeLessThan(10_000);
    expect(await consumeTicket(database, "password_change", short, new Date(Date.now() + 61_000))).toBeNull();
    expect(await findUsableTicket(database, "password_change", short)).not.toBeNull();
    const zero = tokenOf((await passwordTicket({ user_id: user.user_id, ttl_sec: 0 })).body.ticket);
    const zeroExpires = (await database.ticket.findUniqueOrThrow({ where: { token_hash: sha256Hex(zero) } })).expires_at.getTime();
    expect(zeroExpires - Date.now()).toBeGreaterThan(432_000_000 - 60_000);
  });

  it("lets the newest ticket supersede older ones of the same kind, not of another kind", async () => {
    const user = await createUser();
    const database = await db();
    const first = tokenOf((await passwordTicket({ user_id: user.user_id })).body.ticket);
    const verification = tokenOf((await verificationTicket({ user_id: user.user_id })).body.ticket);
    const second = tokenOf((await passwordTicket({ user_id: user.user_id })).body.ticket);
    expect(await consumeTicket(database, "password_change", first)).toBeNull();
    expect(await consumeTicket(database, "password_change", second)).not.toBeNull();
    expect(await consumeTicket(database, "email_verification", verification)).not.toBeNull();
  });

  it("is consumed at most once under concurrency", async () => {
    const user = await createUser();
    const token = tokenOf((await passwordTicket({ user_id: user.user_id })).body.ticket);
    const database = await db();
    const results = await Promise.all(Array.from({ length: 8 }, () => consumeTicket(database, "password_change", token)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it("answers null alike for malformed, unknown and other-kind tokens", async () => {
    const user = await createUser();
    const token = tokenOf((await passwordTicket({ user_id: user.user_id })).body.ticket);
    const database = await db();
    for (const bad of ["", "short", `${token}x`, "A".repeat(32), "../../etc/passwd".padEnd(32, "a")])
      expect(await consumeTicket(database, "password_change", bad)).toBeNull();
    expect(await consumeTicket(database, "email_verification", token)).toBeNull();
    expect(await consumeTicket(database, "password_change", token)).not.toBeNull();
  });

  it("consumes inside a transaction that fails: the ticket stays usable", async () => {
    const user = await createUser();
    const token = tokenOf((await passwordTicket({ user_id: user.user_id })).body.ticket);
    const database = await db();
    await expect(
      database.$transaction(async (tx) => {
        expect(await consumeTicket(tx, "password_change", token)).not.toBeNull();
        throw new Error("the password write failed");
      }),
    ).rejects.toThrow("the password write failed");
    expect(await consumeTicket(database, "password_change", token)).not.toBeNull();
  });

  it.each<[string, (user: Json, connectionId: string) => unknown, number, string]>([
    ["neither user_id nor email", () => ({}), 400, "Missing required property: user_id (or email and connection_id)"],
    ["an email without connection_id", (u) => ({ email: u.email }), 400, "Missing required property: user_id"],
    ["user_id and email", (u, c) => ({ user_id: u.user_id, email: u.email, connection_id: c }), 400, "not both"],
    ["an unknown property", (u) => ({ user_id: u.user_id, new_password: "x" }), 400, "Additional properties not allowed: new_password"],
    ["a negative ttl_sec", (u) => ({ user_id: u.user_id, ttl_sec: -1 }), 400, "on property ttl_sec"],
    ["a ttl_sec over 30 days", (u) => ({ user_id: u.user_id, ttl_sec: 31 * 86_400 }), 400, "on property ttl_sec"],
    ["a fractional ttl_sec", (u) => ({ user_id: u.user_id, ttl_sec: 1.5 }), 400, "on property ttl_sec"],
    ["a malformed connection_id", (u) => ({ email: u.email, connection_id: "Username-Password-Authentication" }), 400, "String does not match pattern"],
    ["a non-http result_url", (u) => ({ user_id: u.user_id, result_url: "javascript:alert(1)" }), 400, "on property result_url"],
    ["result_url with organization_id", (u) => ({ user_id: u.user_id, result_url: "https://a.example/", organization_id: "org_x" }), 400, "cannot be combined"],
    ["an organization (Gatehouse has none)", (u) => ({ user_id: u.user_id, organization_id: "org_abc" }), 400, "The organization does not exist"],
    ["an unknown client", (u) => ({ user_id: u.user_id, client_id: "nope" }), 400, "The client does not exist"],
    ["an unknown connection", (u) => ({ email: u.email, connection_id: "con_0000000000000000" }), 400, "The connection with id con_0000000000000000 does not exist."],
    ["an identity the user does not have", (u) => ({ user_id: u.user_id, identity: { user_id: "other", provider: "auth0" } }), 400, "does not contain the given identity"],
    ["an unknown user", () => ({ user_id: "auth0|nobody" }), 404, "User not found."],
    ["an unknown email", (_u, c) => ({ email: `nobody-${tag()}@example.com`, connection_id: c }), 404, "User not found."],
  ])("refuses %s", async (_name, body, status, message) => {
    const user = await createUser();
    const r = await passwordTicket(body(user, await defaultConnectionId()));
    expect(r.status).toBe(status);
    expect(r.body.message).toContain(message);
  });

  it("accepts the user's own identity and a known client", async () => {
    const user = await createUser();
    const client = await api("POST", "/clients", { name: `app-${tag()}` });
    const r = await passwordTicket({
      user_id: user.user_id,
      client_id: client.body.client_id,
      includeEmailInRedirect: true,
      identity: { user_id: (user.user_id as string).slice(6), provider: "auth0", connection_id: await defaultConnectionId() },
    });
    expect(r.status).toBe(201);
  });

  it("refuses operators' accounts (the link would hand the account over)", async () => {
    const r = await passwordTicket({ user_id: await operatorUserId() });
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("operation_not_supported");
  });

  it("needs create:user_tickets", async () => {
    const user = await createUser();
    const r = await passwordTicket({ user_id: user.user_id }, await managementToken("update:users"));
    expect(r.status).toBe(403);
    expect(r.body.message).toBe("Insufficient scope, expected any of: create:user_tickets");
  });
});

describe("POST /api/v2/tickets/email-verification", () => {
  it("answers 201 with an email-verification link that remembers the email; svr", async () => {
    const user = await createUser({ verify_email: false });
    const r = await verificationTicket({ user_id: user.user_id, result_url: "https://app.example/verified", ttl_sec: 3600 });
    expect(r.status).toBe(201);
    expect(r.body.ticket).toMatch(/^https:\/\/gatehouse\.test\/u\/email-verification\?ticket=[A-Za-z0-9]{32}#$/);
    const database = await db();
    const ticket = await consumeTicket(database, "email_verification", tokenOf(r.body.ticket));
    expect(ticket).toMatchObject({ userId: user.user_id, data: { email: user.email, result_url: "https://app.example/verified" } });
    expect(await database.logEvent.count({ where: { type: "svr", user_id: user.user_id as string } })).toBe(1);
  });

  it.each<[string, (user: Json) => unknown, number, string]>([
    ["no user_id", () => ({}), 400, "Missing required property: user_id"],
    ["email with user_id", (u) => ({ user_id: u.user_id, email: u.email }), 400, "Additional properties not allowed: email"],
    ["result_url with client_id", (u) => ({ user_id: u.user_id, result_url: "https://a.example/", client_id: "x" }), 400, "cannot be combined with client_id"],
    ["mark_email_as_verified (password tickets only)", (u) => ({ user_id: u.user_id, mark_email_as_verified: true }), 400, "Additional properties not allowed"],
    ["an unknown user", () => ({ user_id: "auth0|nobody" }), 404, "User not found."],
  ])("refuses %s", async (_name, body, status, message) => {
    const user = await createUser();
    const r = await verificationTicket(body(user));
    expect(r.status).toBe(status);
    expect(r.body.message).toContain(message);
  });

  it("refuses a user without an email address", async () => {
    const connection = await createConnection({ requires_username: true });
    const user = await createUser({ connection: connection.name, username: `u${tag()}`.slice(0, 15) });
    await (await db()).user.update({ where: { user_id: user.user_id as string }, data: { email: null, email_lower: null, email_domain: null } });
    const r = await verificationTicket({ user_id: user.user_id });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe("The user does not have an email address.");
  });
});
