// /api/v2/user-blocks and /api/v2/user-blocks/{id} (auth0-management-api.md §3.11, §7.1): brute-force
// blocks, which the login flow writes (here: rows made in the database), listed and released by
// identifier and by user id.
import { describe, expect, it } from "vitest";
import { rateLimitStore } from "../../lib/security/rate-limit.ts";
import { managementToken } from "../helpers/tokens.ts";
import { api, createConnection, createUser, db, tag, userPath, type Json } from "../helpers/users.ts";

const DEFAULT_CONNECTION = "Username-Password-Authentication";

async function block(fields: { identifier: string; ip?: string | null; connection_id?: string | null; user_id?: string | null; expires_at?: Date | null }) {
  await (await db()).userBlock.create({
    data: { id: `blk_${tag()}`, ip: null, connection_id: null, user_id: null, expires_at: null, ...fields },
  });
}

async function defaultConnectionId(): Promise<string> {
  return (await (await db()).connection.findUniqueOrThrow({ where: { name: DEFAULT_CONNECTION }, select: { id: true } })).id;
}

const byIdentifier = (identifier: string, extra = "") => `/user-blocks?identifier=${encodeURIComponent(identifier)}${extra}`;

describe("/api/v2/user-blocks?identifier=", () => {
  it("lists the identifier's active blocks (any case) as { blocked_for }, and releases them (204, ublkdu)", async () => {
    const user = await createUser();
    const email = user.email as string;
    const connectionId = await defaultConnectionId();
    await block({ identifier: email, ip: "198.51.100.10", connection_id: connectionId, user_id: user.user_id as string, expires_at: new Date(Date.now() + 3600_000) });
    await block({ identifier: email, connection_id: connectionId });
    await block({ identifier: email, ip: "198.51.100.99", connection_id: connectionId, expires_at: new Date(Date.now() - 1000) });

    const r = await api("GET", byIdentifier(email.toUpperCase()));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      blocked_for: [
        { identifier: email, ip: "198.51.100.10", connection: DEFAULT_CONNECTION },
        { identifier: email, connection: DEFAULT_CONNECTION },
      ],
    });

    const released = await api("DELETE", byIdentifier(email));
    expect(released.status).toBe(204);
    expect(released.text).toBe("");
    expect((await api("GET", byIdentifier(email))).body).toEqual({ blocked_for: [] });
    expect(await (await db()).userBlock.count({ where: { identifier: email } })).toBe(0);
    const event = await (await db()).logEvent.findFirst({ where: { type: "ublkdu", user_id: user.user_id as string } });
    expect(event?.details).toMatchObject({ identifier: email, released: 2 });
  });

  it("a release also forgets the failures counted toward the next block, in both counting modes", async () => {
    const email = `counted-${tag()}@example.com`;
    const store = rateLimitStore(await db());
    const keys = [`bf:${email}`, `bf@198.51.100.40 ${email}`];
    await block({ identifier: email, ip: "198.51.100.40", expires_at: new Date(Date.now() + 3600_000) });
    for (const key of keys) for (let i = 0; i < 3; i++) await store.increment(key, 3600_000, { sliding: true });
    expect(await Promise.all(keys.map((k) => store.count(k)))).toEqual([3, 3]);
    expect((await api("DELETE", byIdentifier(email))).status).toBe(204);
    expect(await Promise.all(keys.map((k) => store.count(k)))).toEqual([0, 0]);
  });

  it("answers an empty list, and a no-op 204, for an identifier nobody is blocked under", async () => {
    expect((await api("GET", byIdentifier(`free-${tag()}`))).body).toEqual({ blocked_for: [] });
    expect((await api("DELETE", byIdentifier(`free-${tag()}`))).status).toBe(204);
  });

  it.each(["", "?identifier=", "?consider_brute_force_enablement=true"])("requires identifier (%s)", async (query) => {
    const r = await api("GET", `/user-blocks${query}`);
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("invalid_query_string");
    expect((await api("DELETE", `/user-blocks${query}`)).status).toBe(400);
  });

  it("refuses a non-boolean consider_brute_force_enablement", async () => {
    expect((await api("GET", byIdentifier("x", "&consider_brute_force_enablement=maybe"))).status).toBe(400);
  });

  it("needs read:users to list and update:users to release", async () => {
    expect((await api("GET", byIdentifier("x"), undefined, await managementToken("update:users"))).status).toBe(403);
    expect((await api("DELETE", byIdentifier("x"), undefined, await managementToken("read:users"))).status).toBe(403);
  });
});

describe("/api/v2/user-blocks/{id}", () => {
  it("lists the user's blocks (by user and by its identifiers in its connection) and releases them, never the admin block", async () => {
    const other = await createConnection();
    const user = await createUser({ blocked: true });
    const email = user.email as string;
    const userId = user.user_id as string;
    const connectionId = await defaultConnectionId();
    await block({ identifier: email, ip: "198.51.100.20", connection_id: connectionId });
    await block({ identifier: "old-login-name", ip: "198.51.100.21", connection_id: connectionId, user_id: userId });
    // The same email blocked in another connection is another account's block.
    await block({ identifier: email, ip: "198.51.100.22", connection_id: other.id });

    const r = await api("GET", `/user-blocks/${encodeURIComponent(userId)}`);
    expect(r.status).toBe(200);
    expect((r.body.blocked_for as Json[]).map((b) => b.ip).sort()).toEqual(["198.51.100.20", "198.51.100.21"]);

    expect((await api("DELETE", `/user-blocks/${encodeURIComponent(userId)}`)).status).toBe(204);
    expect((await api("GET", `/user-blocks/${encodeURIComponent(userId)}`)).body).toEqual({ blocked_for: [] });
    expect((await api("GET", byIdentifier(email))).body.blocked_for).toEqual([{ identifier: email, ip: "198.51.100.22", connection: other.name }]);
    expect((await api("GET", userPath(userId))).body.blocked).toBe(true);
  });

  it("answers 404 for an unknown user", async () => {
    for (const method of ["GET", "DELETE"]) {
      const r = await api(method, "/user-blocks/auth0%7Cnobody");
      expect(r.status).toBe(404);
      expect(r.body.errorCode).toBe("inexistent_user");
    }
  });

  it("with consider_brute_force_enablement, lists blocks only where brute-force protection blocks", async () => {
    const database = await db();
    const off = await createConnection({ brute_force_protection: false });
    const user = await createUser({ connection: off.name });
    await block({ identifier: user.email as string, ip: "198.51.100.30", connection_id: off.id });
    const path = `/user-blocks/${encodeURIComponent(user.user_id as string)}`;
    expect((await api("GET", path)).body.blocked_for).toHaveLength(1);
    expect((await api("GET", `${path}?consider_brute_force_enablement=true`)).body.blocked_for).toEqual([]);

    const on = await createUser();
    await block({ identifier: on.email as string, ip: "198.51.100.31", connection_id: await defaultConnectionId() });
    const onPath = `/user-blocks/${encodeURIComponent(on.user_id as string)}?consider_brute_force_enablement=true`;
    expect((await api("GET", onPath)).body.blocked_for).toHaveLength(1);
    const tenant = await database.tenantSettings.findUniqueOrThrow({ where: { id: 1 } });
    try {
      await database.tenantSettings.update({ where: { id: 1 }, data: { attack_protection: { brute_force_protection: { enabled: false } } } });
      expect((await api("GET", onPath)).body.blocked_for).toEqual([]);
      await database.tenantSettings.update({ where: { id: 1 }, data: { attack_protection: { brute_force_protection: { enabled: true, shields: ["user_notification"] } } } });
      expect((await api("GET", onPath)).body.blocked_for).toEqual([]);
    } finally {
      await database.tenantSettings.update({ where: { id: 1 }, data: { attack_protection: tenant.attack_protection as object } });
    }
    expect((await api("GET", onPath)).body.blocked_for).toHaveLength(1);
  });

  it("cleans expired blocks up on release", async () => {
    const user = await createUser();
    const stale = `stale-${tag()}`;
    await block({ identifier: stale, expires_at: new Date(Date.now() - 60_000) });
    expect(await (await db()).userBlock.count({ where: { identifier: stale } })).toBe(1);
    await api("DELETE", `/user-blocks/${encodeURIComponent(user.user_id as string)}`);
    expect(await (await db()).userBlock.count({ where: { identifier: stale } })).toBe(0);
  });

  it("needs read:users / update:users", async () => {
    const user = await createUser();
    const path = `/user-blocks/${encodeURIComponent(user.user_id as string)}`;
    expect((await api("GET", path, undefined, await managementToken("read:logs"))).status).toBe(403);
    expect((await api("DELETE", path, undefined, await managementToken("read:users"))).status).toBe(403);
  });
});
