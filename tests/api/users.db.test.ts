// POST /api/v2/users, GET /api/v2/users/{id}, GET /api/v2/users-by-email, DELETE /api/v2/users/{id}
// (auth0-management-api.md §2, §3.2-3.6, §7.5), on SQLite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../lib/crypto/random.ts";
import { managementToken } from "../helpers/tokens.ts";
import {
  api,
  createConnection,
  createUser,
  db,
  DEFAULT_CONNECTION,
  operatorUserId,
  PASSWORD,
  rawApi,
  tag,
  uniqueEmail,
  userPath,
  type Json,
} from "../helpers/users.ts";

const create = (fields: Json) => api("POST", "/users", { connection: DEFAULT_CONNECTION, email: uniqueEmail(), password: PASSWORD, ...fields });

describe("POST /api/v2/users", () => {
  it("creates a database user: 201 with Auth0's shape and defaults", async () => {
    const domain = `${tag()}.example.com`;
    const r = await api("POST", "/users", { connection: DEFAULT_CONNECTION, email: `Jane.Doe@${domain.toUpperCase()}`, password: PASSWORD });
    expect(r.status).toBe(201);
    const user = r.body as Json;
    const email = `jane.doe@${domain}`;
    expect(user.user_id).toMatch(/^auth0\|[0-9a-f]{24}$/);
    expect(user).toMatchObject({
      email,
      email_verified: false,
      name: email,
      nickname: "jane.doe",
      picture: "https://gatehouse.test/avatars/jd.svg",
      identities: [{ connection: DEFAULT_CONNECTION, provider: "auth0", user_id: (user.user_id as string).slice(6), isSocial: false }],
      user_metadata: {},
      app_metadata: {},
      logins_count: 0,
    });
    expect(user.created_at).toBe(user.updated_at);
    expect(new Date(user.created_at as string).toISOString()).toBe(user.created_at);
    for (const absent of ["password", "username", "phone_number", "blocked", "last_login", "last_ip", "last_password_reset"]) expect(user).not.toHaveProperty(absent);
    expect(r.text).not.toContain(PASSWORD);
  });

  it("stores the password as a bcrypt hash, never in clear", async () => {
    const user = await createUser();
    const row = await (await db()).userPassword.findUniqueOrThrow({ where: { user_id: user.user_id as string } });
    expect(row.hash).toMatch(/^\$2[aby]\$04\$/);
    expect(row.hash).not.toContain(PASSWORD);
  });

  it("makes a given user_id auth0|<user_id>, and a second create with it 409", async () => {
    const id = `custom-${tag()}`;
    const r = await create({ user_id: id });
    expect(r.status).toBe(201);
    expect(r.body.user_id).toBe(`auth0|${id}`);
    expect(r.body.identities[0].user_id).toBe(id);
    const again = await create({ user_id: id });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ statusCode: 409, error: "Conflict", message: "The user already exists.", errorCode: "auth0_idp_error" });
  });

  it("refuses a second user with the same email in the connection, whatever its case: 409", async () => {
    const email = uniqueEmail("dup");
    expect((await create({ email })).status).toBe(201);
    const r = await create({ email: email.toUpperCase() });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ message: "The user already exists.", errorCode: "auth0_idp_error" });
  });

  it("allows the same email in another connection", async () => {
    const other = await createConnection();
    const email = uniqueEmail("twice");
    expect((await create({ email })).status).toBe(201);
    expect((await create({ email, connection: other.name })).status).toBe(201);
  });

  it("keeps the attributes it is given", async () => {
    const r = await create({
      given_name: "Zoë",
      family_name: "Ångström",
      name: "Zoë Ångström",
      nickname: "zo",
      phone_number: "+14155550100",
      phone_verified: true,
      email_verified: true,
      blocked: true,
      picture: "https://cdn.example.com/p.png",
      user_metadata: { theme: "dark", "dotted values are fine": "a.b.c" },
      app_metadata: { plan: "pro", tags: ["a", "b"] },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      given_name: "Zoë",
      family_name: "Ångström",
      name: "Zoë Ångström",
      nickname: "zo",
      phone_number: "+14155550100",
      phone_verified: true,
      email_verified: true,
      blocked: true,
      picture: "https://cdn.example.com/p.png",
      user_metadata: { theme: "dark", "dotted values are fine": "a.b.c" },
      app_metadata: { plan: "pro", tags: ["a", "b"] },
    });
  });

  it("gives an initials avatar served by Gatehouse, not a Gravatar hash of the email", async () => {
    const r = await create({ given_name: "Ada", family_name: "Lovelace" });
    expect(r.body.picture).toBe("https://gatehouse.test/avatars/al.svg");
    expect(r.text).not.toContain("gravatar");
    expect(r.text).not.toMatch(/[0-9a-f]{32}/);
  });

  it("indexes the search columns and the metadata of a new user", async () => {
    const r = await create({ name: "ÉLODIE Martin", user_metadata: { address: { city: "Paris" } } });
    const database = await db();
    const row = await database.user.findUniqueOrThrow({ where: { user_id: r.body.user_id } });
    expect(row).toMatchObject({ name_lower: "élodie martin", email_lower: r.body.email, email_domain: "example.com" });
    const leaves = await database.userMetadataValue.findMany({ where: { user_id: r.body.user_id } });
    expect(leaves.map((l) => [l.source, l.path, l.value_text])).toEqual([["user", "address.city", "Paris"]]);
  });

  describe("verify_email: a verification email goes out (the outbox, without SMTP) with a single-use ticket", () => {
    const sent = async (userId: string) => {
      const database = await db();
      const [tickets, emails] = await Promise.all([
        database.ticket.count({ where: { user_id: userId, kind: "email_verification", consumed_at: null } }),
        database.emailMessage.findMany({ where: { user_id: userId, kind: "verification" } }),
      ]);
      return { tickets, emails: emails.length, links: emails.map((e) => /u\/email-verification\?ticket=/.test(JSON.stringify(e))) };
    };
    it.each([
      ["an unverified email (Auth0 sends one by default)", {}, 1],
      ["verify_email: false", { verify_email: false }, 0],
      ["email_verified: true", { email_verified: true }, 0],
      ["email_verified: true with verify_email: true (forced)", { email_verified: true, verify_email: true }, 1],
    ])("%s", async (_name, fields, expected) => {
      const r = await create(fields);
      expect(r.status).toBe(201);
      expect(await sent(r.body.user_id)).toEqual({ tickets: expected, emails: expected, links: Array(expected).fill(true) });
    });
  });

  describe("usernames (connection requires_username, validation.username)", () => {
    let connection: { id: string; name: string };
    beforeAll(async () => {
      connection = await createConnection({ requires_username: true, validation: { username: { min: 3, max: 20 } } });
    });

    it("refuses a username where the connection does not use them", async () => {
      const r = await create({ username: "someone" });
      expect(r.status).toBe(400);
      expect(r.body.message).toBe("Cannot set username for connection without requires_username.");
    });

    it("requires one where the connection does, stores it lower-cased and keeps it unique", async () => {
      const missing = await create({ connection: connection.name });
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({ errorCode: "invalid_body", message: "Payload validation error: 'Missing required property: username'." });
      const name = `Mixed_${tag()}`.slice(0, 20);
      const ok = await create({ connection: connection.name, username: name });
      expect(ok.status).toBe(201);
      expect(ok.body.username).toBe(name.toLowerCase());
      const dup = await create({ connection: connection.name, username: name.toUpperCase() });
      expect(dup.status).toBe(409);
    });

    it.each([
      ["too short for the connection", "ab", "between 3 and 20"],
      ["too long for the connection", "a".repeat(21), "between 3 and 20"],
      ["with a space", "john doe", "may contain only"],
      ["with an accented letter", "josé", "may contain only"],
      ["shaped like an email address", "john@example.com", "must not be an email address"],
    ])("refuses a username %s", async (_name, username, text) => {
      const r = await create({ connection: connection.name, username });
      expect(r.status).toBe(400);
      expect(r.body.errorCode).toBe("invalid_body");
      expect(r.body.message).toContain(text);
      expect(r.body.message).toContain("on property username");
    });

    it("accepts every special character Auth0 allows", async () => {
      const r = await create({ connection: connection.name, username: `a_+-.!#$'^\`~@${tag().slice(0, 4)}` });
      expect(r.status).toBe(201);
    });
  });

  describe("refuses bad input with Auth0's 400 invalid_body naming the property", () => {
    it.each<[string, Json, string]>([
      ["an unknown property", { colour: "red" }, "Payload validation error: 'Additional properties not allowed: colour'."],
      ["a missing connection", { connection: undefined }, "Payload validation error: 'Missing required property: connection'."],
      ["an email of the wrong type", { email: 5 }, "on property email"],
      ["a malformed email", { email: "not-an-email" }, "Object didn't pass validation for format email"],
      ["a too long email local part", { email: `${"a".repeat(65)}@example.com` }, "at most 64 characters"],
      ["a non-E.164 phone number", { phone_number: "555-0100" }, "on property phone_number"],
      ["a blocked flag that is a string", { blocked: "yes" }, "Expected type boolean but found type string' on property blocked"],
      ["user_metadata as an array", { user_metadata: [] }, "'Expected type object but found type array' on property user_metadata"],
      ["user_metadata as a string", { user_metadata: "x" }, "on property user_metadata"],
      ["an empty name", { name: "" }, "on property name"],
      ["a given_name over 150 characters", { given_name: "g".repeat(151) }, "on property given_name"],
      ["a name over 300 characters", { name: "n".repeat(301) }, "on property name"],
      ["a user_id with whitespace", { user_id: "a b" }, "on property user_id"],
      ["a user_id over 255 characters", { user_id: "a".repeat(256) }, "on property user_id"],
      ["a javascript: picture", { picture: "javascript:alert(1)" }, "on property picture"],
      ["a relative picture", { picture: "/me.png" }, "on property picture"],
      ["a user_metadata key with a dot", { user_metadata: { "a.b": 1 } }, `Invalid key "a.b"`],
      ["a user_metadata key with a dollar", { user_metadata: { $where: 1 } }, `Invalid key "$where"`],
      ["a nested key with a dot", { user_metadata: { a: { "b.c": 1 } } }, `Invalid key "b.c"`],
      ["a key with a dot inside an array", { app_metadata: { list: [{ "x.y": 1 }] } }, `Invalid key "x.y"`],
      ["an empty key", { user_metadata: { "": 1 } }, "must not be empty"],
      ["a reserved app_metadata key", { app_metadata: { blocked: true } }, "The key blocked is reserved and cannot be used in app_metadata"],
      ["another reserved app_metadata key", { app_metadata: { user_id: "x" } }, "The key user_id is reserved"],
      ["an oversized user_metadata", { user_metadata: { big: "x".repeat(17_000) } }, "user_metadata is too large"],
      ["an oversized app_metadata", { app_metadata: { big: "x".repeat(17_000) } }, "at most 16384 are allowed"],
      ["a missing password", { password: undefined }, "Missing required property: password"],
      ["a missing email", { email: undefined }, "Missing required property: email"],
    ])("%s", async (_name, fields, message) => {
      const r = await create(fields);
      expect(r.status).toBe(400);
      expect(r.body.errorCode).toBe("invalid_body");
      expect(r.body.message).toContain(message);
      expect(r.body).toMatchObject({ statusCode: 400, error: "Bad Request" });
    });

    it("refuses a __proto__ metadata key (it would become a prototype when copied)", async () => {
      const body = `{"connection":"${DEFAULT_CONNECTION}","email":"${uniqueEmail()}","password":"${PASSWORD}","user_metadata":{"__proto__":{"polluted":true}}}`;
      const r = await rawApi("POST", "/users", body);
      expect(r.status).toBe(400);
      expect(r.body.message).toContain("__proto__");
      expect(({} as Json).polluted).toBeUndefined();
    });

    it("answers an unknown connection with 400 Connection does not exist.", async () => {
      const r = await create({ connection: `nope-${tag()}` });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ message: "Connection does not exist.", errorCode: "inexistent_connection" });
    });

    it("creates nothing after a refusal", async () => {
      const email = uniqueEmail("refused");
      expect((await create({ email, user_metadata: { "bad.key": 1 } })).status).toBe(400);
      expect(await (await db()).user.count({ where: { email } })).toBe(0);
    });
  });

  describe("the connection's password policy", () => {
    it.each([
      ["too short", "Ab1!x", "PasswordStrengthError: Password is too weak"],
      ["too few character classes for 'good'", "alllowercaseletters", "PasswordStrengthError: Password is too weak"],
      ["over bcrypt's 72 bytes", `Aa1!${"x".repeat(70)}`, "PasswordStrengthError: Password is too weak"],
    ])("refuses a password %s", async (_name, password, message) => {
      const r = await create({ password });
      expect(r.status).toBe(400);
      expect(r.body.message).toContain(message);
      expect(r.body.errorCode).toBe("password_strength_error");
    });

    it("checks the default list of common passwords and the connection's own words when the dictionary is on", async () => {
      const off = await createConnection({ password_dictionary: { enable: false } });
      expect((await create({ connection: off.name, password: "Password1" })).status).toBe(201);
      const on = await createConnection({ password_dictionary: { enable: true, dictionary: ["Gatehouse-2024"] } });
      const common = await create({ connection: on.name, password: "Password1" });
      expect(common.status).toBe(400);
      expect(common.body.message).toBe("PasswordDictionaryError: Password is too common");
      const own = await create({ connection: on.name, password: "gatehouse-2024" });
      expect(own.status).toBe(400);
      expect(own.body.message).toBe("PasswordDictionaryError: Password is too common");
      expect((await create({ connection: on.name, password: PASSWORD })).status).toBe(201);
    });

    it("refuses personal information when the connection says so", async () => {
      const connection = await createConnection({ password_no_personal_info: { enable: true } });
      const r = await create({ connection: connection.name, email: `marguerite@${tag()}.example.com`, password: "Marguerite-1903" });
      expect(r.status).toBe(400);
      expect(r.body.message).toBe("PasswordNoUserInfoError: Password contains user information");
    });

    it("applies the connection's minimum length over the level's", async () => {
      const connection = await createConnection({ passwordPolicy: "low", password_complexity_options: { min_length: 12 } });
      expect((await create({ connection: connection.name, password: "abcdefghijk" })).status).toBe(400);
      expect((await create({ connection: connection.name, password: "abcdefghijkl" })).status).toBe(201);
    });
  });

  it("does not create users in Gatehouse's operators' connection", async () => {
    const r = await create({ connection: "gatehouse-operators", password: "A-much-longer-Passw0rd!" });
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("operation_not_supported");
  });

  it("needs create:users (403 otherwise)", async () => {
    const token = await managementToken("read:users update:users");
    const r = await api("POST", "/users", { connection: DEFAULT_CONNECTION, email: uniqueEmail(), password: PASSWORD }, token);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ statusCode: 403, errorCode: "insufficient_scope", message: "Insufficient scope, expected any of: create:users" });
  });

  it("writes a sapi event without the password", async () => {
    const user = await createUser();
    const events = await (await db()).logEvent.findMany({ where: { type: "sapi", description: "Create a user" }, orderBy: { date: "desc" }, take: 20 });
    const event = events.find((e) => JSON.stringify(e.details).includes(user.user_id as string));
    expect(event).toBeDefined();
    expect(JSON.stringify(event!.details)).not.toContain(PASSWORD);
  });
});

describe("GET /api/v2/users/{id}", () => {
  it("answers the user as created, with the id percent-encoded or not", async () => {
    const user = await createUser({ user_metadata: { a: 1 } });
    const r = await api("GET", userPath(user.user_id as string));
    expect(r.status).toBe(200);
    expect(r.body).toEqual(user);
    expect((await api("GET", `/users/${user.user_id}`)).body).toEqual(user);
  });

  it("projects fields (include_fields true by default, false drops them)", async () => {
    const user = await createUser();
    const only = await api("GET", `${userPath(user.user_id as string)}?fields=user_id,email`);
    expect(only.body).toEqual({ user_id: user.user_id, email: user.email });
    const without = await api("GET", `${userPath(user.user_id as string)}?fields=identities,app_metadata&include_fields=false`);
    expect(without.body).not.toHaveProperty("identities");
    expect(without.body).not.toHaveProperty("app_metadata");
    expect(without.body.user_id).toBe(user.user_id);
  });

  it("answers 404 inexistent_user for an unknown id", async () => {
    const r = await api("GET", userPath(`auth0|${"0".repeat(24)}`));
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ statusCode: 404, error: "Not Found", message: "The user does not exist.", errorCode: "inexistent_user" });
  });

  it.each(["x".repeat(513), "a%00b"])("answers 400 for an unusable id (%#)", async (id) => {
    const r = await api("GET", `/users/${id}`);
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("invalid_uri");
  });

  it("needs read:users (403 otherwise)", async () => {
    const user = await createUser();
    const r = await api("GET", userPath(user.user_id as string), undefined, await managementToken("read:clients"));
    expect(r.status).toBe(403);
    expect(r.body.message).toBe("Insufficient scope, expected any of: read:users,read:current_user");
  });

  it("lets a read:current_user token read its own user only", async () => {
    const { getUser } = await import("../../lib/services/users/get-user.ts");
    const user = await createUser();
    const other = await createUser();
    const self = { kind: "client" as const, clientId: "spa", scopes: new Set(["read:current_user"]), subject: user.user_id as string };
    expect((await getUser(await db(), user.user_id as string, self)).user_id).toBe(user.user_id);
    await expect(getUser(await db(), other.user_id as string, self)).rejects.toMatchObject({
      status: 403,
      message: "User to be acted on does not match subject in bearer token.",
    });
  });

  it("shows Gatehouse operators (read-only)", async () => {
    const r = await api("GET", userPath(await operatorUserId()));
    expect(r.status).toBe(200);
    expect(r.body.identities[0].connection).toBe("gatehouse-operators");
  });
});

describe("GET /api/v2/users-by-email", () => {
  it("finds database users whatever the query's case: a bare array, oldest first, across connections", async () => {
    const email = uniqueEmail("byemail");
    const other = await createConnection();
    const first = await createUser({ email });
    const second = await createUser({ email, connection: other.name });
    const r = await api("GET", `/users-by-email?email=${encodeURIComponent(email.toUpperCase())}`);
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body)).toBe(true);
    expect((r.body as Json[]).map((u) => u.user_id)).toEqual([first.user_id, second.user_id]);
    expect(r.body[0]).toEqual(first);
  });

  it("answers an empty array when nobody has the email", async () => {
    const r = await api("GET", `/users-by-email?email=${encodeURIComponent(uniqueEmail("nobody"))}`);
    expect(r).toMatchObject({ status: 200, body: [] });
  });

  it("keeps + in the address (clients send it as %2B)", async () => {
    const email = `plus+${tag()}@example.com`;
    const user = await createUser({ email });
    const r = await api("GET", `/users-by-email?email=${encodeURIComponent(email)}`);
    expect((r.body as Json[]).map((u) => u.user_id)).toEqual([user.user_id]);
  });

  it("projects fields", async () => {
    const user = await createUser();
    const r = await api("GET", `/users-by-email?email=${encodeURIComponent(user.email as string)}&fields=user_id`);
    expect(r.body).toEqual([{ user_id: user.user_id }]);
  });

  it.each(["", "?email=", "?fields=email"])("requires email (%s)", async (query) => {
    const r = await api("GET", `/users-by-email${query}`);
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("invalid_query_string");
  });

  it("needs read:users", async () => {
    const r = await api("GET", `/users-by-email?email=a%40b.c`, undefined, await managementToken("update:users"));
    expect(r.status).toBe(403);
  });
});

describe("DELETE /api/v2/users/{id}", () => {
  it("deletes: 204, then 404 on GET, and 204 again (idempotent, as Auth0's DELETE lists no 404)", async () => {
    const user = await createUser();
    const r = await api("DELETE", userPath(user.user_id as string));
    expect(r.status).toBe(204);
    expect(r.text).toBe("");
    expect((await api("GET", userPath(user.user_id as string))).status).toBe(404);
    expect((await api("DELETE", userPath(user.user_id as string))).status).toBe(204);
  });

  it("removes identities, roles, permissions, password, history, tickets, blocks and the metadata index", async () => {
    const database = await db();
    const connection = await createConnection({ password_history: { enable: true, size: 3 } });
    const user = await createUser({ connection: connection.name, user_metadata: { a: 1 }, app_metadata: { b: [1, 2] } });
    const userId = user.user_id as string;
    const role = await api("POST", "/roles", { name: `role-${tag()}` });
    expect((await api("POST", `${userPath(userId)}/roles`, { roles: [role.body.id] })).status).toBe(204);
    const identifier = `https://api-${tag()}.example/`;
    await database.resourceServer.create({ data: { id: tag().padEnd(24, "0"), identifier, name: "Del API", scopes: [{ value: "read:x" }] } });
    expect((await api("POST", `${userPath(userId)}/permissions`, { permissions: [{ resource_server_identifier: identifier, permission_name: "read:x" }] })).status).toBe(201);
    expect((await api("POST", "/tickets/password-change", { user_id: userId })).status).toBe(201);
    await database.userBlock.createMany({
      data: [
        { id: `b1${tag()}`, identifier: user.email as string, ip: "198.51.100.1", connection_id: connection.id, user_id: userId },
        { id: `b2${tag()}`, identifier: user.email as string, ip: "198.51.100.2", connection_id: connection.id },
      ],
    });
    const counts = async () => ({
      user: await database.user.count({ where: { user_id: userId } }),
      identities: await database.userIdentity.count({ where: { user_id: userId } }),
      roles: await database.userRole.count({ where: { user_id: userId } }),
      permissions: await database.userPermission.count({ where: { user_id: userId } }),
      password: await database.userPassword.count({ where: { user_id: userId } }),
      history: await database.passwordHistory.count({ where: { user_id: userId } }),
      tickets: await database.ticket.count({ where: { user_id: userId } }),
      blocks: await database.userBlock.count({ where: { identifier: user.email as string } }),
      metadata: await database.userMetadataValue.count({ where: { user_id: userId } }),
    });
    expect(Object.values(await counts()).every((n) => n > 0)).toBe(true);
    expect((await api("DELETE", userPath(userId))).status).toBe(204);
    expect(await counts()).toEqual({ user: 0, identities: 0, roles: 0, permissions: 0, password: 0, history: 0, tickets: 0, blocks: 0, metadata: 0 });
    // The role and the API themselves stay.
    expect((await api("GET", `/roles/${role.body.id}`)).status).toBe(200);
  });

  it("keeps log events but detaches the person's data from them, and writes sdu", async () => {
    const database = await db();
    const email = `Private.Person.${tag()}@Example.com`;
    const user = await createUser({ email, name: "Private Person", user_metadata: { address: "1 Secret Street" } });
    const userId = user.user_id as string;
    const lower = email.toLowerCase();
    expect((await api("PATCH", userPath(userId), { user_metadata: { phone: "+33 1 23 45 67 89" } })).status).toBe(200);
    // A login event as the login flow will write it, and an unrelated one.
    const { newLogId } = await import("../../lib/crypto/ids.ts");
    const loginId = newLogId();
    const unrelatedId = newLogId();
    await database.logEvent.createMany({
      data: [
        {
          log_id: loginId, date: new Date(), type: "s", user_id: userId, user_name: lower, ip: "198.51.100.23", user_agent: "Firefox/128",
          description: `Login as ${lower}`, details: { prompts: [{ identity: lower, name: "Private Person" }], stats: { loginsCount: 3 } },
        },
        { log_id: unrelatedId, date: new Date(), type: "s", user_id: "auth0|someone-else", user_name: "else@example.com", ip: "203.0.113.9", details: { note: "Private Person" } },
      ],
    });
    const before = await database.logEvent.findMany({ where: { OR: [{ user_id: userId }, { type: "sapi" }] } });
    expect(before.filter((e) => JSON.stringify(e).toLowerCase().includes(lower)).length).toBeGreaterThanOrEqual(3);

    expect((await api("DELETE", userPath(userId))).status).toBe(204);

    const login = await database.logEvent.findUniqueOrThrow({ where: { log_id: loginId } });
    expect(login).toMatchObject({ type: "s", user_id: userId, user_name: null, ip: null, user_agent: null, description: "[redacted]" });
    expect(login.details).toEqual({ prompts: [{ identity: "[redacted]", name: "[redacted]" }], stats: { loginsCount: 3 } });
    // No event mentions the email, the name or the metadata any more; the events themselves stay.
    const all = await database.logEvent.findMany();
    const leaking = all.filter((e) => e.log_id !== unrelatedId && /private\.person|secret street|\+33 1 23/i.test(JSON.stringify(e)));
    expect(leaking).toEqual([]);
    const sapi = all.filter((e) => e.type === "sapi" && JSON.stringify(e.details).includes(encodeURIComponent(userId)));
    expect(sapi.length).toBeGreaterThanOrEqual(2);
    expect(sapi.every((e) => e.ip !== null)).toBe(true);
    // Other people's events are untouched.
    expect(await database.logEvent.findUniqueOrThrow({ where: { log_id: unrelatedId } })).toMatchObject({ user_name: "else@example.com", ip: "203.0.113.9", details: { note: "Private Person" } });
    const sdu = all.find((e) => e.type === "sdu" && e.user_id === userId);
    expect(sdu).toMatchObject({ connection: DEFAULT_CONNECTION, user_name: null, details: { body: { connection: DEFAULT_CONNECTION } } });
    // The trail stays readable by user id.
    const logs = await api("GET", `${userPath(userId)}/logs`);
    expect((logs.body as Json[]).map((l) => l.type)).toContain("s");
  });

  it("does not delete Gatehouse operators", async () => {
    const operator = await operatorUserId();
    const r = await api("DELETE", userPath(operator));
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("operation_not_supported");
    expect((await api("GET", userPath(operator))).status).toBe(200);
  });

  it("needs delete:users (403 otherwise); delete:current_user only for the token's own user", async () => {
    const user = await createUser();
    const r = await api("DELETE", userPath(user.user_id as string), undefined, await managementToken("update:users"));
    expect(r.status).toBe(403);
    const { deleteUser } = await import("../../lib/services/users/delete-user.ts");
    const other = { kind: "client" as const, clientId: "spa", scopes: new Set(["delete:current_user"]), subject: "auth0|someone-else" };
    await expect(deleteUser(await db(), user.user_id as string, other)).rejects.toMatchObject({ status: 403 });
    const self = { ...other, subject: user.user_id as string };
    expect(await deleteUser(await db(), user.user_id as string, self)).toEqual({ deleted: true });
  });

  it("stores ticket tokens hashed only (helper check for the cascade test)", async () => {
    const user = await createUser();
    const r = await api("POST", "/tickets/password-change", { user_id: user.user_id });
    const token = new URL(r.body.ticket).searchParams.get("ticket")!;
    expect(await (await db()).ticket.count({ where: { token_hash: sha256Hex(token) } })).toBe(1);
  });
});
