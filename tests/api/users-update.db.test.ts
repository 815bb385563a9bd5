// PATCH /api/v2/users/{id} (auth0-management-api.md §2.4, §2.5, §3.4, §7.3, §8.2): merge rules,
// validation, forbidden combinations, scope-limited updates, provider-owned attributes, passwords,
// and 50 concurrent metadata PATCHes on one user, on SQLite and PostgreSQL.
import { describe, expect, it } from "vitest";
import { newConnectionId, newInternalId } from "../../lib/crypto/ids.ts";
import { toJson } from "../../lib/db/json.ts";
import { newSearchKey } from "../../lib/services/users/user-search-columns.ts";
import { managementToken } from "../helpers/tokens.ts";
import { api, createConnection, createUser, db, operatorUserId, PASSWORD, tag, uniqueEmail, userPath, type Json } from "../helpers/users.ts";

const patch = (userId: unknown, body: unknown, token?: string) => api("PATCH", userPath(userId as string), body, token);

/** A user of an upstream provider's connection, made in the database (Gatehouse cannot create such connections yet). */
async function providerUser(strategy: string, options: Json = {}) {
  const database = await db();
  const connection = await database.connection.create({
    data: { id: newConnectionId(), name: `${strategy}-${tag()}`, strategy, options: toJson(options), realms: [], metadata: {} },
  });
  const providerUserId = tag();
  const userId = `${strategy}|${providerUserId}`;
  await database.user.create({
    data: {
      user_id: userId, connection_id: connection.id, email: uniqueEmail("upstream"), name: "Upstream Name", user_metadata: {}, app_metadata: {},
      multifactor: [], search_key: newSearchKey(),
    },
  });
  await database.userIdentity.create({
    data: { id: newInternalId(), user_id: userId, connection_id: connection.id, provider: strategy, provider_user_id: providerUserId, is_social: true },
  });
  return { userId, connection };
}

describe("metadata merge (§2.4)", () => {
  it("merges the top level, replaces nested objects whole, deletes keys set to null, clears with {}", async () => {
    const user = await createUser({ user_metadata: { profileCode: 1479, addresses: { home: "H" }, drop: true } });
    let r = await patch(user.user_id, { user_metadata: { addresses: { work: "W" }, drop: null, added: [1, 2] } });
    expect(r.status).toBe(200);
    expect(r.body.user_metadata).toEqual({ profileCode: 1479, addresses: { work: "W" }, added: [1, 2] });
    r = await patch(user.user_id, { user_metadata: { missing: null } });
    expect(r.body.user_metadata).toEqual({ profileCode: 1479, addresses: { work: "W" }, added: [1, 2] });
    r = await patch(user.user_id, { user_metadata: {} });
    expect(r.body.user_metadata).toEqual({});
    expect((await api("GET", userPath(user.user_id as string))).body.user_metadata).toEqual({});
  });

  it("merges app_metadata the same way, independently of user_metadata", async () => {
    const user = await createUser({ user_metadata: { u: 1 }, app_metadata: { roles: ["a"], plan: "free" } });
    const r = await patch(user.user_id, { app_metadata: { plan: "pro", roles: null } });
    expect(r.body.app_metadata).toEqual({ plan: "pro" });
    expect(r.body.user_metadata).toEqual({ u: 1 });
  });

  it("keeps the metadata index in step with the merged objects", async () => {
    const user = await createUser({ user_metadata: { a: "x", nested: { n: 1 } } });
    await patch(user.user_id, { user_metadata: { nested: { m: true }, list: ["p", "q"] }, app_metadata: { level: 3 } });
    const leaves = await (await db()).userMetadataValue.findMany({ where: { user_id: user.user_id as string }, orderBy: [{ source: "asc" }, { path: "asc" }, { position: "asc" }] });
    expect(leaves.map((l) => [l.source, l.path, l.value_text ?? l.value_number ?? l.value_bool])).toEqual([
      ["app", "level", 3],
      ["user", "a", "x"],
      ["user", "list", "p"],
      ["user", "list", "q"],
      ["user", "nested.m", true],
    ]);
    await patch(user.user_id, { user_metadata: {} });
    expect(await (await db()).userMetadataValue.count({ where: { user_id: user.user_id as string, source: "user" } })).toBe(0);
  });

  it("checks the size limit on the merged object, and changes nothing when it is exceeded", async () => {
    const user = await createUser({ user_metadata: { first: "a".repeat(10_000) } });
    const r = await patch(user.user_id, { user_metadata: { second: "b".repeat(10_000) }, name: "Not Applied" });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain("user_metadata is too large");
    const after = (await api("GET", userPath(user.user_id as string))).body;
    expect(Object.keys(after.user_metadata)).toEqual(["first"]);
    expect(after.name).not.toBe("Not Applied");
    // Replacing the big key fits.
    expect((await patch(user.user_id, { user_metadata: { first: null, second: "b".repeat(10_000) } })).status).toBe(200);
  });

  it.each<[string, Json, string]>([
    ["a dotted key", { user_metadata: { "a.b": 1 } }, `Invalid key "a.b"`],
    ["a dollar key", { app_metadata: { $set: 1 } }, `Invalid key "$set"`],
    ["a nested dotted key", { user_metadata: { a: { "x.y": 1 } } }, `Invalid key "x.y"`],
    ["a reserved app_metadata key", { app_metadata: { email: "x" } }, "The key email is reserved"],
    ["an array", { app_metadata: [1] }, "Expected type object but found type array"],
    ["null metadata", { user_metadata: null }, "Expected type object but found type null"],
  ])("refuses %s (400 invalid_body)", async (_name, body, message) => {
    const user = await createUser();
    const r = await patch(user.user_id, body);
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("invalid_body");
    expect(r.body.message).toContain(message);
  });
});

describe("root attributes", () => {
  it("replaces the attributes given, removes those set to null, and updates the search columns", async () => {
    const user = await createUser({ given_name: "Old", family_name: "Name", nickname: "oldie", phone_number: "+15550000001" });
    const r = await patch(user.user_id, { name: "ÉLODIE Dupont", given_name: "Élodie", family_name: null, nickname: null, picture: null, phone_number: "+15550000002" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: "ÉLODIE Dupont", given_name: "Élodie", phone_number: "+15550000002", phone_verified: false });
    for (const absent of ["family_name", "nickname", "picture"]) expect(r.body).not.toHaveProperty(absent);
    expect(new Date(r.body.updated_at).getTime()).toBeGreaterThan(new Date(user.updated_at as string).getTime());
    const row = await (await db()).user.findUniqueOrThrow({ where: { user_id: user.user_id as string } });
    expect(row).toMatchObject({ name_lower: "élodie dupont", given_name_lower: "élodie", family_name_lower: null, nickname_lower: null });
  });

  it("changes the email lower-cased, resets email_verified (unless sent) and updates email_lower/email_domain", async () => {
    const user = await createUser({ email_verified: true });
    const newEmail = `New.Address@${tag()}.Example.ORG`;
    const r = await patch(user.user_id, { email: newEmail });
    expect(r.body).toMatchObject({ email: newEmail.toLowerCase(), email_verified: false });
    const row = await (await db()).user.findUniqueOrThrow({ where: { user_id: user.user_id as string } });
    expect(row.email_domain).toBe(newEmail.toLowerCase().split("@")[1]);
    const both = await patch(user.user_id, { email: uniqueEmail("verified"), email_verified: true });
    expect(both.body.email_verified).toBe(true);
  });

  it("refuses an email another user of the connection has", async () => {
    const taken = await createUser();
    const user = await createUser();
    const r = await patch(user.user_id, { email: (taken.email as string).toUpperCase() });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ message: "The specified new email already exists", errorCode: "auth0_idp_error" });
  });

  it("sets and clears the administrator block (brute-force blocks are another thing)", async () => {
    const user = await createUser();
    expect((await patch(user.user_id, { blocked: true })).body.blocked).toBe(true);
    const r = await patch(user.user_id, { blocked: false });
    expect(r.status).toBe(200);
    expect(r.body).not.toHaveProperty("blocked");
  });

  it("sends a verification email for verify_email: true, to the new address when it changes", async () => {
    const user = await createUser({ email_verified: true, verify_email: false });
    const email = `changed-${Date.now()}@example.com`;
    expect((await patch(user.user_id, { email, verify_email: true })).status).toBe(200);
    const database = await db();
    const tickets = await database.ticket.findMany({ where: { user_id: user.user_id as string, kind: "email_verification" } });
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.data).toMatchObject({ email, requested_by: "management_api" });
    const emails = await database.emailMessage.findMany({ where: { user_id: user.user_id as string, kind: "verification" } });
    expect(emails.map((e) => e.to)).toEqual([email]);
  });

  it("accepts `connection` naming the user's own connection", async () => {
    const user = await createUser();
    const r = await patch(user.user_id, { connection: "Username-Password-Authentication", name: "Same Connection" });
    expect(r.status).toBe(200);
    const other = await patch(user.user_id, { connection: "no-such-connection", name: "x" });
    expect(other.status).toBe(400);
    expect(other.body.message).toContain("no identity in the connection no-such-connection");
  });

  it("answers 404 for an unknown user", async () => {
    const r = await patch("auth0|nobody-here", { name: "x" });
    expect(r.status).toBe(404);
    expect(r.body.errorCode).toBe("inexistent_user");
  });

  it("does not change Gatehouse operators", async () => {
    const r = await patch(await operatorUserId(), { blocked: true });
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("operation_not_supported");
  });
});

describe("refused bodies", () => {
  it.each([
    [{ password: "N3w-Passw0rd!", email: "a@b.co" }, "Cannot update password and email simultaneously."],
    [{ password: "N3w-Passw0rd!", email_verified: true }, "Cannot update password and email_verified simultaneously."],
    [{ username: "someone", email: "a@b.co" }, "Cannot update username and email simultaneously."],
    [{ username: "someone", email_verified: false }, "Cannot update username and email_verified simultaneously."],
    [{ username: "someone", password: "N3w-Passw0rd!" }, "Cannot update username and password simultaneously."],
  ])("refuses the combination %j", async (body, message) => {
    const user = await createUser();
    const r = await patch(user.user_id, body);
    expect(r.status).toBe(400);
    expect(r.body.message).toBe(message);
  });

  it.each<[string, Json, string]>([
    ["an unknown property", { favourite_colour: "blue" }, "Additional properties not allowed: favourite_colour"],
    ["a read-only property", { user_id: "auth0|other" }, "Additional properties not allowed: user_id"],
    ["a malformed email", { email: "nope" }, "Object didn't pass validation for format email"],
    ["a bad phone number", { phone_number: "0555" }, "on property phone_number"],
    ["a non-boolean blocked", { blocked: 1 }, "on property blocked"],
    ["a username where the connection has none", { username: "someone" }, "Cannot set username for connection without requires_username."],
    ["a null password", { password: null }, "password cannot be removed"],
    ["removing the only sign-in identifier", { email: null }, "Cannot remove the email address"],
    ["phone verification", { verify_phone_number: true }, "not supported yet"],
  ])("refuses %s", async (_name, body, message) => {
    const user = await createUser();
    const r = await patch(user.user_id, body);
    expect(r.status).toBe(400);
    expect(r.body.message).toContain(message);
  });

  it("answers 400 for a body that is not JSON, and for no body", async () => {
    const user = await createUser();
    const { rawApi } = await import("../helpers/users.ts");
    expect((await rawApi("PATCH", userPath(user.user_id as string), "{")).status).toBe(400);
    expect((await rawApi("PATCH", userPath(user.user_id as string), "")).status).toBe(400);
  });
});

describe("attributes owned by an upstream identity provider (§2.5)", () => {
  it("refuses root attributes of a social user unless the connection stops syncing them", async () => {
    const { userId, connection } = await providerUser("google-oauth2");
    const r = await patch(userId, { name: "Changed", nickname: "n" });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe(
      "The following user attributes cannot be updated: name, nickname. The connection must either be a database connection " +
        "(using the Auth0 store), a passwordless connection (email or sms) or has disabled 'Sync user profile attributes at each login'.",
    );
    expect((await patch(userId, { email: "x@example.com" })).body.message).toBe("Cannot update email for non-database user.");
    expect((await patch(userId, { password: PASSWORD })).body.message).toBe("Cannot update password for non-database user.");
    expect((await patch(userId, { user_metadata: { ok: true }, blocked: true })).status).toBe(200);
    await (await db()).connection.update({ where: { id: connection.id }, data: { options: { set_user_root_attributes: "on_first_login" } } });
    expect((await patch(userId, { name: "Changed" })).body.name).toBe("Changed");
  });

  it("refuses email_verified for enterprise users", async () => {
    const { userId } = await providerUser("samlp");
    const r = await patch(userId, { email_verified: true });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe("Email verification is not supported for enterprise users.");
  });
});

describe("passwords", () => {
  it("sets a new password: policy checked, last_password_reset stamped, admin and brute-force blocks lifted, scp logged", async () => {
    const database = await db();
    const user = await createUser({ blocked: true });
    const userId = user.user_id as string;
    await database.userBlock.create({ data: { id: `blk${tag()}`, identifier: user.email as string, ip: "198.51.100.4", user_id: userId } });
    const before = (await database.userPassword.findUniqueOrThrow({ where: { user_id: userId } })).hash;

    const weak = await patch(userId, { password: "weak" });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toContain("PasswordStrengthError: Password is too weak");
    expect(await database.logEvent.count({ where: { type: "fcp", user_id: userId } })).toBe(1);

    const r = await patch(userId, { password: "An0ther-Good-One" });
    expect(r.status).toBe(200);
    expect(r.body.last_password_reset).toBeDefined();
    expect(r.body).not.toHaveProperty("blocked");
    expect(r.text).not.toContain("An0ther-Good-One");
    expect((await database.userPassword.findUniqueOrThrow({ where: { user_id: userId } })).hash).not.toBe(before);
    expect(await database.userBlock.count({ where: { user_id: userId } })).toBe(0);
    expect(await database.logEvent.count({ where: { type: "scp", user_id: userId } })).toBe(1);
  });

  it("keeps the administrator block when blocked is sent with the password", async () => {
    const user = await createUser({ blocked: true });
    const r = await patch(user.user_id, { password: "Still-Blocked-9", blocked: true });
    expect(r.body.blocked).toBe(true);
  });

  it("enforces password history when the connection keeps one", async () => {
    const connection = await createConnection({ password_history: { enable: true, size: 2 } });
    const user = await createUser({ connection: connection.name, password: "History-One-1" });
    const set = (password: string) => patch(user.user_id, { password });
    const reused = await set("History-One-1");
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ message: "PasswordHistoryError: Password has previously been used", errorCode: "password_history_error" });
    expect((await set("History-Two-2")).status).toBe(200);
    expect((await set("History-One-1")).status).toBe(400);
    expect((await set("History-Three-3")).status).toBe(200);
    // Only the last two are remembered now (three and two).
    expect((await set("History-One-1")).status).toBe(200);
    expect(await (await db()).passwordHistory.count({ where: { user_id: user.user_id as string } })).toBe(2);
  });

  it("does not keep a history where the connection does not ask for one", async () => {
    const user = await createUser();
    expect((await patch(user.user_id, { password: "No-History-7" })).status).toBe(200);
    expect((await patch(user.user_id, { password: PASSWORD })).status).toBe(200);
    expect(await (await db()).passwordHistory.count({ where: { user_id: user.user_id as string } })).toBe(0);
  });
});

describe("scopes (§8.2)", () => {
  it("lets update:users_app_metadata change app_metadata and nothing else", async () => {
    const user = await createUser();
    const token = await managementToken("update:users_app_metadata");
    const ok = await patch(user.user_id, { app_metadata: { plan: "gold" } }, token);
    expect(ok.status).toBe(200);
    expect(ok.body.app_metadata).toEqual({ plan: "gold" });
    for (const body of [{ user_metadata: { a: 1 } }, { name: "x" }, { app_metadata: { a: 1 }, blocked: true }]) {
      const r = await patch(user.user_id, body, token);
      expect(r.status).toBe(403);
      expect(r.body.errorCode).toBe("insufficient_scope");
      expect(r.body.message).toMatch(/^Some fields cannot be updated with the permissions granted by the bearer token scopes\. update:users is required to update: /);
    }
    expect((await api("GET", userPath(user.user_id as string))).body.app_metadata).toEqual({ plan: "gold" });
  });

  it("answers 403 without any update scope", async () => {
    const user = await createUser();
    const r = await patch(user.user_id, { name: "x" }, await managementToken("read:users"));
    expect(r.status).toBe(403);
    expect(r.body.message).toBe("Insufficient scope, expected any of: update:users,update:users_app_metadata,update:current_user_metadata");
  });

  it("lets update:current_user_metadata change the token's own user_metadata only", async () => {
    const { updateUser } = await import("../../lib/services/users/update-user.ts");
    const user = await createUser();
    const other = await createUser();
    const actor = { kind: "client" as const, clientId: "spa", scopes: new Set(["update:current_user_metadata"]), subject: user.user_id as string };
    const database = await db();
    expect((await updateUser(database, user.user_id as string, { user_metadata: { theme: "dark" } }, actor)).user_metadata).toEqual({ theme: "dark" });
    await expect(updateUser(database, user.user_id as string, { app_metadata: { plan: "x" } }, actor)).rejects.toMatchObject({ status: 403 });
    await expect(updateUser(database, other.user_id as string, { user_metadata: { theme: "dark" } }, actor)).rejects.toMatchObject({
      status: 403,
      message: "User to be acted on does not match subject in bearer token.",
    });
  });
});

describe("concurrency", () => {
  it("loses no key when 50 PATCHes of different user_metadata keys hit one user at once", async () => {
    const user = await createUser({ user_metadata: { existing: "kept" } });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => patch(user.user_id, { user_metadata: { [`key${i}`]: i } })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const final = (await api("GET", userPath(user.user_id as string))).body.user_metadata as Json;
    expect(Object.keys(final).sort()).toEqual(["existing", ...Array.from({ length: 50 }, (_, i) => `key${i}`)].sort());
    for (let i = 0; i < 50; i++) expect(final[`key${i}`]).toBe(i);
    expect(await (await db()).userMetadataValue.count({ where: { user_id: user.user_id as string, source: "user" } })).toBe(51);
  }, 60_000);

  it("loses neither side when user_metadata and app_metadata PATCHes interleave", async () => {
    const user = await createUser();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => patch(user.user_id, i % 2 ? { app_metadata: { [`a${i}`]: true } } : { user_metadata: { [`u${i}`]: true } })),
    );
    const final = (await api("GET", userPath(user.user_id as string))).body;
    expect(Object.keys(final.user_metadata)).toHaveLength(10);
    expect(Object.keys(final.app_metadata)).toHaveLength(10);
  }, 60_000);
});
