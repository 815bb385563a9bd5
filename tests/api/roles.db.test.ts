// /api/v2/roles and /api/v2/roles/{id}/permissions (Auth0 RBAC). Runs on SQLite and PostgreSQL:
// the name_filter and ordering cases pin that both databases give the same answers.
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { managementToken, MANAGEMENT_AUDIENCE } from "../helpers/tokens.ts";

let token: string;
beforeAll(async () => {
  token = await managementToken();
});

type Json = Record<string, unknown>;

async function api(method: string, path: string, json?: unknown, t = token) {
  const response = await call(method, `/api/v2${path}`, { token: t, json });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
}

async function db() {
  const { getDb } = await import("../../lib/db/client.ts");
  return getDb();
}

const tag = () => crypto.randomUUID().slice(0, 8);

async function createRole(name: string, description?: string): Promise<Json> {
  const r = await api("POST", "/roles", { name, ...(description !== undefined ? { description } : {}) });
  expect(r.status).toBe(200);
  return r.body as Json;
}

/** An API with two scopes, made directly in the database (the resource-servers routes are another feature). */
async function createApi(name = "Billing API") {
  const identifier = `https://billing-${tag()}.example/`;
  const { newObjectId } = await import("../../lib/crypto/ids.ts");
  await (await db()).resourceServer.create({
    data: {
      id: newObjectId(),
      identifier,
      name,
      scopes: [
        { value: "read:invoices", description: "Read invoices" },
        { value: "write:invoices", description: "Write invoices" },
        { value: "undocumented" },
      ],
    },
  });
  return identifier;
}

async function operatorRole(): Promise<Json> {
  const r = await api("GET", `/roles?name_filter=${encodeURIComponent("Gatehouse Operator")}`);
  const role = (r.body as Json[]).find((x) => x.name === "Gatehouse Operator");
  expect(role).toBeDefined();
  return role!;
}

describe("/api/v2/roles CRUD", () => {
  it("creates a role: 200 (not 201) with Auth0's shape and a rol_ id", async () => {
    const name = `Support ${tag()}`;
    const r = await api("POST", "/roles", { name, description: "Answers tickets" });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(["description", "id", "name"]);
    expect(r.body).toMatchObject({ name, description: "Answers tickets" });
    expect(r.body.id).toMatch(/^rol_[A-Za-z0-9]{16}$/);
  });

  it("leaves description out when it is not set, and accepts SDK v7's type: tenant", async () => {
    const r = await api("POST", "/roles", { name: `Bare ${tag()}`, type: "tenant" });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(["id", "name"]);
    const got = await api("GET", `/roles/${r.body.id}`);
    expect(got.body).toEqual(r.body);
  });

  it("trims the name", async () => {
    const name = `Trimmed ${tag()}`;
    expect((await api("POST", "/roles", { name: `  ${name}  ` })).body.name).toBe(name);
  });

  it("gets a role by id; unknown ids are 404 inexistent_role", async () => {
    const role = await createRole(`Reader ${tag()}`, "Reads");
    expect(await api("GET", `/roles/${role.id}`)).toMatchObject({ status: 200, body: role });
    const missing = await api("GET", "/roles/rol_doesnotexist0000");
    expect(missing).toMatchObject({
      status: 404,
      body: { statusCode: 404, error: "Not Found", message: "Role not found.", errorCode: "inexistent_role" },
    });
  });

  it("updates name and description (PATCH semantics), clears the description with null", async () => {
    const role = await createRole(`Before ${tag()}`, "old");
    const renamed = `After ${tag()}`;
    const r = await api("PATCH", `/roles/${role.id}`, { name: renamed });
    expect(r).toMatchObject({ status: 200, body: { id: role.id, name: renamed, description: "old" } });
    expect((await api("PATCH", `/roles/${role.id}`, { description: "new" })).body).toEqual({ id: role.id, name: renamed, description: "new" });
    expect((await api("PATCH", `/roles/${role.id}`, {})).body).toEqual({ id: role.id, name: renamed, description: "new" });
    expect((await api("PATCH", `/roles/${role.id}`, { description: null })).body).toEqual({ id: role.id, name: renamed });
    expect((await api("GET", `/roles/${role.id}`)).body).toEqual({ id: role.id, name: renamed });
    expect((await api("PATCH", "/roles/rol_doesnotexist0000", { name: "x" })).status).toBe(404);
  });

  it("names are unique: create or rename onto a taken name is 409", async () => {
    const name = `Unique ${tag()}`;
    await createRole(name);
    const dup = await api("POST", "/roles", { name });
    expect(dup).toMatchObject({
      status: 409,
      body: { statusCode: 409, error: "Conflict", message: `A role with the name "${name}" already exists.`, errorCode: "role_exists" },
    });
    const other = await createRole(`Other ${tag()}`);
    expect((await api("PATCH", `/roles/${other.id}`, { name })).status).toBe(409);
    // Renaming a role to its own name is not a conflict.
    expect((await api("PATCH", `/roles/${other.id}`, { name: other.name })).status).toBe(200);
  });

  it("deletes: 200 with no body, then 404", async () => {
    const role = await createRole(`Doomed ${tag()}`);
    const r = await api("DELETE", `/roles/${role.id}`);
    expect(r.status).toBe(200);
    expect(r.text).toBe("");
    expect((await api("GET", `/roles/${role.id}`)).status).toBe(404);
    expect((await api("DELETE", `/roles/${role.id}`)).status).toBe(404);
  });

  it("deleting a role removes its user assignments and permissions, not the users", async () => {
    const database = await db();
    const user = await database.user.findFirst();
    expect(user).not.toBeNull();
    const role = await createRole(`Linked ${tag()}`);
    const identifier = await createApi();
    await api("POST", `/roles/${role.id}/permissions`, { permissions: [{ resource_server_identifier: identifier, permission_name: "read:invoices" }] });
    await database.userRole.create({ data: { user_id: user!.user_id, role_id: role.id as string } });
    expect(await database.userRole.count({ where: { role_id: role.id as string } })).toBe(1);

    expect((await api("DELETE", `/roles/${role.id}`)).status).toBe(200);
    expect(await database.userRole.count({ where: { role_id: role.id as string } })).toBe(0);
    expect(await database.rolePermission.count({ where: { role_id: role.id as string } })).toBe(0);
    expect(await database.user.findUnique({ where: { user_id: user!.user_id } })).not.toBeNull();
    // The operator keeps the operator role.
    const operator = await operatorRole();
    expect(await database.userRole.count({ where: { user_id: user!.user_id, role_id: operator.id as string } })).toBe(1);
  });
});

describe("GET /api/v2/roles paging, name_filter and order", () => {
  it("pages with Auth0's offset envelope, bare arrays without include_totals, [] past the end", async () => {
    const t = tag();
    const names = ["e", "a", "d", "b", "c"].map((n) => `Paged ${t} ${n}`);
    for (const n of names) await createRole(n);
    const sorted = [...names].sort();
    const filter = encodeURIComponent(`Paged ${t}`);

    const first = await api("GET", `/roles?name_filter=${filter}&per_page=2&page=0&include_totals=true`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ start: 0, limit: 2, total: 5, roles: expect.any(Array) });
    expect(first.body.roles.map((r: Json) => r.name)).toEqual(sorted.slice(0, 2));
    const last = await api("GET", `/roles?name_filter=${filter}&per_page=2&page=2&include_totals=true`);
    expect(last.body).toMatchObject({ start: 4, limit: 2, total: 5 });
    expect(last.body.roles.map((r: Json) => r.name)).toEqual(sorted.slice(4));
    const past = await api("GET", `/roles?name_filter=${filter}&per_page=2&page=3&include_totals=true`);
    expect(past.body).toEqual({ start: 6, limit: 2, total: 5, roles: [] });

    const bare = await api("GET", `/roles?name_filter=${filter}`);
    expect(bare.body.map((r: Json) => r.name)).toEqual(sorted);

    // SDK v7 with no per_page: page=0&per_page=50 until an empty page; everything exactly once.
    const all = await api("GET", "/roles?page=0&per_page=50&include_totals=true");
    expect(all.body.total).toBe(all.body.roles.length);
    expect(all.body.roles.map((r: Json) => r.name)).toEqual(expect.arrayContaining(names));
  });

  it("orders by name (byte order: uppercase before lowercase), the same on both databases", async () => {
    const t = tag();
    for (const n of ["b", "B", "a", "A", "_", "É"]) await createRole(`Order ${t} ${n}`);
    const r = await api("GET", `/roles?name_filter=${encodeURIComponent(`Order ${t}`)}`);
    expect(r.body.map((x: Json) => (x.name as string).slice(-1))).toEqual(["A", "B", "_", "a", "b", "É"]);
  });

  it("name_filter is a case-insensitive substring match", async () => {
    const t = tag();
    const role = await createRole(`${t} Billing-Admin`);
    const others = await createRole(`${t} Support`);
    const find = async (filter: string) =>
      ((await api("GET", `/roles?per_page=100&name_filter=${encodeURIComponent(filter)}`)).body as Json[]).map((x) => x.id);
    expect(await find(`${t} billing`)).toEqual([role.id]);
    expect(await find(`${t.toUpperCase()} BILLING-ADMIN`)).toEqual([role.id]);
    expect(await find(`${t} bIlLiNg-aDmIn`)).toEqual([role.id]);
    expect(await find("ADMIN")).toContain(role.id);
    expect(await find("ADMIN")).not.toContain(others.id);
    expect(await find(`${t} billing-admin-and-more`)).toEqual([]);
    // An empty filter is no filter.
    expect(await find("")).toEqual(expect.arrayContaining([role.id, others.id]));
  });

  it("name_filter folds non-ASCII case too, identically on both databases", async () => {
    const t = tag();
    const role = await createRole(`${t} Équipe Ölçer`);
    const r = await api("GET", `/roles?name_filter=${encodeURIComponent(`${t} équipe ölçer`)}`);
    expect(r.body.map((x: Json) => x.id)).toEqual([role.id]);
  });

  it("name_filter treats %, _ and \\ literally (no LIKE wildcards)", async () => {
    const t = tag();
    const percent = await createRole(`${t} 100%_off`);
    const lookalike = await createRole(`${t} 100xyoff`);
    const backslash = await createRole(`${t} a\\b`);
    const names = async (filter: string) =>
      ((await api("GET", `/roles?per_page=100&name_filter=${encodeURIComponent(filter)}`)).body as Json[]).map((x) => x.name as string);
    expect(await names(`${t} 100%_`)).toEqual([percent.name]);
    expect(await names(`${t} 100%`)).toEqual([percent.name]);
    expect(await names(`${t} 100_`)).toEqual([]);
    expect(await names(`${t} 1%f`)).toEqual([]);
    expect(await names(`${t} a\\b`)).toEqual([backslash.name]);
    expect(await names(`${t} a\\`)).toEqual([backslash.name]);
    for (const wildcard of ["%", "_", "\\"]) {
      const found = await names(wildcard);
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((n) => n.includes(wildcard))).toBe(true);
      expect(found).not.toContain(lookalike.name);
    }
  });

  it("SDK v7's type/owner_id filters: tenant roles only", async () => {
    const role = await createRole(`Typed ${tag()}`);
    const tenant = await api("GET", `/roles?type=tenant&name_filter=${encodeURIComponent(role.name as string)}`);
    expect(tenant.body.map((x: Json) => x.id)).toEqual([role.id]);
    expect((await api("GET", "/roles?type=organization&include_totals=true")).body).toEqual({ start: 0, limit: 50, total: 0, roles: [] });
    expect((await api("GET", "/roles?type=organization&owner_id=org_abc")).body).toEqual([]);
  });
});

describe("/api/v2/roles/{id}/permissions", () => {
  it("adds (201, no body), lists with API name and scope description, removes (200, no body)", async () => {
    const role = await createRole(`Billing ${tag()}`);
    const identifier = await createApi("Billing API");
    const added = await api("POST", `/roles/${role.id}/permissions`, {
      permissions: [
        { resource_server_identifier: identifier, permission_name: "write:invoices" },
        { resource_server_identifier: identifier, permission_name: "read:invoices" },
        { resource_server_identifier: identifier, permission_name: "undocumented" },
        { resource_server_identifier: MANAGEMENT_AUDIENCE, permission_name: "read:users" },
      ],
    });
    expect(added.status).toBe(201);
    expect(added.text).toBe("");

    const list = await api("GET", `/roles/${role.id}/permissions`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      { resource_server_identifier: identifier, permission_name: "read:invoices", resource_server_name: "Billing API", description: "Read invoices" },
      { resource_server_identifier: identifier, permission_name: "undocumented", resource_server_name: "Billing API" },
      { resource_server_identifier: identifier, permission_name: "write:invoices", resource_server_name: "Billing API", description: "Write invoices" },
      { resource_server_identifier: MANAGEMENT_AUDIENCE, permission_name: "read:users", resource_server_name: "Gatehouse Management API", description: "Read Users" },
    ]);

    const paged = await api("GET", `/roles/${role.id}/permissions?per_page=3&page=1&include_totals=true`);
    expect(paged.body).toEqual({ start: 3, limit: 3, total: 4, permissions: [list.body[3]] });
    expect((await api("GET", `/roles/${role.id}/permissions?page=5&per_page=3&include_totals=true`)).body.permissions).toEqual([]);

    const removed = await api("DELETE", `/roles/${role.id}/permissions`, {
      permissions: [
        { resource_server_identifier: identifier, permission_name: "write:invoices" },
        { resource_server_identifier: MANAGEMENT_AUDIENCE, permission_name: "read:users" },
      ],
    });
    expect(removed.status).toBe(200);
    expect(removed.text).toBe("");
    const after = await api("GET", `/roles/${role.id}/permissions`);
    expect(after.body.map((p: Json) => p.permission_name)).toEqual(["read:invoices", "undocumented"]);
  });

  it("adding a permission again is idempotent: no error, no duplicate", async () => {
    const role = await createRole(`Idempotent ${tag()}`);
    const identifier = await createApi();
    const permission = { resource_server_identifier: identifier, permission_name: "read:invoices" };
    expect((await api("POST", `/roles/${role.id}/permissions`, { permissions: [permission] })).status).toBe(201);
    expect((await api("POST", `/roles/${role.id}/permissions`, { permissions: [permission, permission] })).status).toBe(201);
    const concurrent = await Promise.all([1, 2, 3].map(() => api("POST", `/roles/${role.id}/permissions`, { permissions: [permission, { ...permission, permission_name: "write:invoices" }] })));
    expect(concurrent.map((r) => r.status)).toEqual([201, 201, 201]);
    const list = await api("GET", `/roles/${role.id}/permissions?include_totals=true`);
    expect(list.body.total).toBe(2);
  });

  it("removing a permission the role does not hold is a no-op", async () => {
    const role = await createRole(`Noop ${tag()}`);
    const identifier = await createApi();
    await api("POST", `/roles/${role.id}/permissions`, { permissions: [{ resource_server_identifier: identifier, permission_name: "read:invoices" }] });
    for (const permission of [
      { resource_server_identifier: identifier, permission_name: "write:invoices" },
      { resource_server_identifier: "https://no-such-api.example/", permission_name: "read:invoices" },
    ]) {
      expect((await api("DELETE", `/roles/${role.id}/permissions`, { permissions: [permission] })).status).toBe(200);
    }
    expect((await api("GET", `/roles/${role.id}/permissions`)).body).toHaveLength(1);
  });

  it("only a scope an existing API defines can be granted; a bad entry adds nothing", async () => {
    const role = await createRole(`Strict ${tag()}`);
    const identifier = await createApi();
    const good = { resource_server_identifier: identifier, permission_name: "read:invoices" };
    const cases: [unknown[], string][] = [
      [[{ resource_server_identifier: "https://no-such-api.example/", permission_name: "read:invoices" }], "Resource server https://no-such-api.example/ does not exist."],
      [[good, { resource_server_identifier: identifier, permission_name: "delete:invoices" }], `Permission delete:invoices is not defined by API ${identifier}.`],
      // Identifiers and scope names match exactly (case-sensitively) on both databases.
      [[{ resource_server_identifier: identifier.toUpperCase(), permission_name: "read:invoices" }], `Resource server ${identifier.toUpperCase()} does not exist.`],
      [[{ resource_server_identifier: identifier, permission_name: "READ:INVOICES" }], `Permission READ:INVOICES is not defined by API ${identifier}.`],
    ];
    for (const [permissions, message] of cases) {
      const r = await api("POST", `/roles/${role.id}/permissions`, { permissions });
      expect(r).toMatchObject({ status: 400, body: { statusCode: 400, error: "Bad Request", message, errorCode: "invalid_body" } });
    }
    expect((await api("GET", `/roles/${role.id}/permissions`)).body).toEqual([]);
  });

  it("follows its API: a scope the API stops defining, or a deleted API, leaves the role's permissions", async () => {
    // Cross-resource integrity with /resource-servers (its PATCH prunes, its DELETE cascades).
    const role = await createRole(`Follows ${tag()}`);
    const identifier = await createApi();
    const path = `/resource-servers/${encodeURIComponent(identifier)}`;
    await api("POST", `/roles/${role.id}/permissions`, {
      permissions: ["read:invoices", "write:invoices"].map((permission_name) => ({ resource_server_identifier: identifier, permission_name })),
    });
    expect((await api("PATCH", path, { scopes: [{ value: "read:invoices", description: "Read invoices" }] })).status).toBeLessThan(300);
    expect((await api("GET", `/roles/${role.id}/permissions`)).body.map((p: Json) => p.permission_name)).toEqual(["read:invoices"]);
    const regranted = await api("POST", `/roles/${role.id}/permissions`, { permissions: [{ resource_server_identifier: identifier, permission_name: "write:invoices" }] });
    expect(regranted.status).toBe(400);
    expect((await api("DELETE", path)).status).toBe(204);
    expect((await api("GET", `/roles/${role.id}/permissions`)).body).toEqual([]);
  });

  it("unknown roles are 404 on every permissions endpoint", async () => {
    const identifier = await createApi();
    const body = { permissions: [{ resource_server_identifier: identifier, permission_name: "read:invoices" }] };
    expect((await api("GET", "/roles/rol_doesnotexist0000/permissions")).status).toBe(404);
    expect((await api("POST", "/roles/rol_doesnotexist0000/permissions", body)).status).toBe(404);
    expect((await api("DELETE", "/roles/rol_doesnotexist0000/permissions", body)).status).toBe(404);
    expect(await (await db()).rolePermission.count({ where: { role_id: "rol_doesnotexist0000" } })).toBe(0);
  });

  it("a role holds at most 1000 permissions (Auth0's limit)", async () => {
    const role = await createRole(`Full ${tag()}`);
    const identifier = `https://many-${tag()}.example/`;
    const { newObjectId } = await import("../../lib/crypto/ids.ts");
    const scopes = Array.from({ length: 1001 }, (_, i) => ({ value: `scope:${i}`, description: `Scope ${i}` }));
    await (await db()).resourceServer.create({ data: { id: newObjectId(), identifier, name: "Many", scopes } });
    const grant = (from: number, to: number) => ({
      permissions: scopes.slice(from, to).map((s) => ({ resource_server_identifier: identifier, permission_name: s.value })),
    });
    expect((await api("POST", `/roles/${role.id}/permissions`, grant(0, 1000))).status).toBe(201);
    const over = await api("POST", `/roles/${role.id}/permissions`, grant(1000, 1001));
    expect(over).toMatchObject({ status: 400, body: { errorCode: "too_many_entities" } });
    // Re-adding held ones is still fine at the limit.
    expect((await api("POST", `/roles/${role.id}/permissions`, grant(0, 10))).status).toBe(201);
    expect((await api("GET", `/roles/${role.id}/permissions?include_totals=true&per_page=1`)).body.total).toBe(1000);
  });
});

describe("the system role (Gatehouse Operator)", () => {
  it("can be read, not renamed or deleted; its description and permissions can be managed", async () => {
    const role = await operatorRole();
    expect(role).toMatchObject({ name: "Gatehouse Operator", is_system: true });
    expect((await api("GET", `/roles/${role.id}`)).status).toBe(200);

    const rename = await api("PATCH", `/roles/${role.id}`, { name: "Pwned" });
    expect(rename).toMatchObject({
      status: 400,
      body: { statusCode: 400, error: "Bad Request", message: 'The role "Gatehouse Operator" is managed by Gatehouse and cannot be renamed.', errorCode: "operation_not_supported" },
    });
    const del = await api("DELETE", `/roles/${role.id}`);
    expect(del).toMatchObject({ status: 400, body: { errorCode: "operation_not_supported", message: 'The role "Gatehouse Operator" is managed by Gatehouse and cannot be deleted.' } });
    expect((await api("GET", `/roles/${role.id}`)).body.name).toBe("Gatehouse Operator");

    expect((await api("PATCH", `/roles/${role.id}`, { name: "Gatehouse Operator", description: "Dashboard operators" })).body).toMatchObject({
      name: "Gatehouse Operator",
      description: "Dashboard operators",
    });
    const permission = { resource_server_identifier: MANAGEMENT_AUDIENCE, permission_name: "read:roles" };
    expect((await api("POST", `/roles/${role.id}/permissions`, { permissions: [permission] })).status).toBe(201);
    expect((await api("GET", `/roles/${role.id}/permissions`)).body).toContainEqual(expect.objectContaining(permission));
    expect((await api("DELETE", `/roles/${role.id}/permissions`, { permissions: [permission] })).status).toBe(200);
  });
});

describe("scopes", () => {
  it.each([
    ["GET", "/roles", "read:roles", undefined],
    ["POST", "/roles", "create:roles", { name: "scoped" }],
    ["GET", "/roles/{id}", "read:roles", undefined],
    ["PATCH", "/roles/{id}", "update:roles", { name: "scoped" }],
    ["DELETE", "/roles/{id}", "delete:roles", undefined],
    ["GET", "/roles/{id}/permissions", "read:roles", undefined],
    ["POST", "/roles/{id}/permissions", "update:roles", { permissions: [{ resource_server_identifier: MANAGEMENT_AUDIENCE, permission_name: "read:users" }] }],
    ["DELETE", "/roles/{id}/permissions", "update:roles", { permissions: [{ resource_server_identifier: MANAGEMENT_AUDIENCE, permission_name: "read:users" }] }],
  ] as const)("%s %s needs %s", async (method, path, scope, body) => {
    const role = await createRole(`Scoped ${tag()}`);
    const url = path.replace("{id}", role.id as string);
    // Every roles scope except the one needed (read:roles still lets the test look afterwards).
    const others = ["read:roles", "create:roles", "update:roles", "delete:roles", "read:clients"].filter((s) => s !== scope);
    // Names must stay unique across the cases (one creates a role, another renames one).
    const payload = body && "name" in body ? { name: `Scoped ${tag()}` } : body;
    const r = await api(method, url, payload, await managementToken(others.join(" ")));
    expect(r).toMatchObject({
      status: 403,
      body: { statusCode: 403, error: "Forbidden", message: `Insufficient scope, expected any of: ${scope}`, errorCode: "insufficient_scope" },
    });
    // Nothing changed.
    expect((await api("GET", `/roles/${role.id}`)).body).toEqual(role);
    expect((await api("GET", `/roles/${role.id}/permissions`)).body).toEqual([]);
    // And the scope alone is enough.
    expect((await api(method, url, payload, await managementToken(scope))).status).toBeLessThan(300);
  });

  it("no token: 401", async () => {
    expect((await call("GET", "/api/v2/roles")).status).toBe(401);
  });
});

describe("validation", () => {
  it.each([
    [{}, "Payload validation error: 'Missing required property: name'."],
    [{ name: 42 }, "Payload validation error: 'Expected type string but found type integer' on property name."],
    [{ name: "" }, "Payload validation error: 'String is too short (0 chars), minimum 1' on property name."],
    [{ name: "   " }, "Payload validation error: 'String is too short (0 chars), minimum 1' on property name."],
    [{ name: "x".repeat(256) }, "Payload validation error: 'String is too long (256 chars), maximum 255' on property name."],
    [{ name: "a\u0000b" }, "Payload validation error: 'The NUL character (\\u0000) is not allowed'."],
    [{ name: "a\nb" }, "Payload validation error: 'Must not contain control characters' on property name."],
    [{ name: "x", description: "d".repeat(141) }, "Payload validation error: 'String is too long (141 chars), maximum 140' on property description."],
    [{ name: "x", description: "a\u0000" }, "Payload validation error: 'The NUL character (\\u0000) is not allowed'."],
    [{ name: "x", description: null }, "Payload validation error: 'Expected type string but found type null' on property description."],
    [{ name: "x", colour: "blue" }, "Payload validation error: 'Additional properties not allowed: colour'."],
    [{ name: "x", type: "organization" }, "Payload validation error: 'Organization roles are not supported' on property type."],
    [{ name: "x", owner_id: "org_123" }, "Payload validation error: 'Additional properties not allowed: owner_id'."],
    [[], "Payload validation error: 'Expected type object but found type array'."],
  ])("POST /roles: 400 invalid_body (case %#)", async (body, message) => {
    const r = await api("POST", "/roles", body);
    expect(r.body).toEqual({ statusCode: 400, error: "Bad Request", message, errorCode: "invalid_body" });
  });

  it.each([
    [{ name: "" }, "Payload validation error: 'String is too short (0 chars), minimum 1' on property name."],
    [{ name: null }, "Payload validation error: 'Expected type string but found type null' on property name."],
    [{ description: 5 }, "Payload validation error: 'Expected type string but found type integer' on property description."],
    [{ id: "rol_other" }, "Payload validation error: 'Additional properties not allowed: id'."],
  ])("PATCH /roles/{id}: 400 invalid_body (case %#)", async (body, message) => {
    const role = await createRole(`Patch ${tag()}`);
    const r = await api("PATCH", `/roles/${role.id}`, body);
    expect(r.body).toEqual({ statusCode: 400, error: "Bad Request", message, errorCode: "invalid_body" });
  });

  const entry = { resource_server_identifier: MANAGEMENT_AUDIENCE, permission_name: "read:users" };
  it.each([
    [{}, "Payload validation error: 'Missing required property: permissions'."],
    [{ permissions: [] }, "Payload validation error: 'Array is too short (0), minimum 1' on property permissions."],
    [{ permissions: entry }, "Payload validation error: 'Expected type array but found type object' on property permissions."],
    [{ permissions: [{ resource_server_identifier: MANAGEMENT_AUDIENCE }] }, "Payload validation error: 'Missing required property: permission_name' on property permissions.0."],
    [{ permissions: [{ ...entry, resource_server_name: "x" }] }, "Payload validation error: 'Additional properties not allowed: resource_server_name' on property permissions.0."],
    [{ permissions: [{ ...entry, permission_name: "" }] }, "Payload validation error: 'String is too short (0 chars), minimum 1' on property permissions.0.permission_name."],
    [{ permissions: [{ ...entry, resource_server_identifier: "a\u0000" }] }, "Payload validation error: 'The NUL character (\\u0000) is not allowed'."],
    [{ permissions: Array.from({ length: 1001 }, () => entry) }, "Payload validation error: 'Array is too long (1001), maximum 1000' on property permissions."],
  ])("POST and DELETE /roles/{id}/permissions: 400 invalid_body (case %#)", async (body, message) => {
    const role = await createRole(`Perm ${tag()}`);
    for (const method of ["POST", "DELETE"]) {
      const r = await api(method, `/roles/${role.id}/permissions`, body);
      expect(r.body).toEqual({ statusCode: 400, error: "Bad Request", message, errorCode: "invalid_body" });
    }
  });

  it.each([
    ["per_page=0", "invalid_query_string"],
    ["per_page=101", "invalid_query_string"],
    ["per_page=abc", "invalid_query_string"],
    ["page=-1", "invalid_query_string"],
    ["include_totals=yes", "invalid_query_string"],
    ["type=group", "invalid_query_string"],
    ["name_filter=<1025 characters>", "invalid_query_string"],
  ])("GET /roles?%s: 400 %s", async (query, errorCode) => {
    const r = await api("GET", `/roles?${query.replace("<1025 characters>", "x".repeat(1025))}`);
    expect(r).toMatchObject({ status: 400, body: { statusCode: 400, errorCode } });
  });
});

describe("no 5xx for client mistakes", () => {
  it("bad JSON, missing bodies, wrong content types, odd ids and filters are all 4xx", async () => {
    const role = await createRole(`Robust ${tag()}`);
    const formName = `Form-${tag()}`;
    const raw = async (method: string, path: string, body: string | undefined, contentType = "application/json") => {
      const { appFetch } = await import("../helpers/app.ts");
      const response = await appFetch(`https://gatehouse.test/api/v2${path}`, {
        method,
        body,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": contentType } : {}) },
      });
      return response.status;
    };
    const statuses: [string, number][] = [
      ["bad JSON", await raw("POST", "/roles", "{nope")],
      ["JSON null", await raw("POST", "/roles", "null")],
      ["JSON string", await raw("POST", "/roles", '"name"')],
      ["no body on POST", await raw("POST", "/roles", undefined)],
      ["no body on PATCH", await raw("PATCH", `/roles/${role.id}`, undefined)],
      ["no body on permissions DELETE", await raw("DELETE", `/roles/${role.id}/permissions`, undefined)],
      ["xml", await raw("POST", "/roles", "<role/>", "application/xml")],
      ["oversized", await raw("POST", "/roles", JSON.stringify({ name: "x".repeat(1_100_000) }))],
      ["NUL id", await raw("GET", "/roles/%00", undefined)],
      ["NUL id permissions", await raw("GET", "/roles/%00/permissions", undefined)],
      ["NUL id delete", await raw("DELETE", "/roles/%00", undefined)],
      ["long id", await raw("GET", `/roles/${"r".repeat(500)}`, undefined)],
      ["unicode id", await raw("GET", `/roles/${encodeURIComponent("rôle 🙂")}`, undefined)],
      ["NUL filter", await raw("GET", "/roles?name_filter=%00", undefined)],
      ["repeated filter", await raw("GET", "/roles?name_filter=a&name_filter=b", undefined)],
      ["permissions not objects", await raw("POST", `/roles/${role.id}/permissions`, JSON.stringify({ permissions: [1, "x", null] }))],
      ["form body", await raw("POST", "/roles", `name=${formName}`, "application/x-www-form-urlencoded")],
    ];
    for (const [what, status] of statuses) expect([what, status < 500]).toEqual([what, true]);
    // The form-encoded create is accepted (Auth0's OAS allows it).
    const form = (await api("GET", `/roles?name_filter=${formName}`)).body as Json[];
    expect(form.map((r) => r.name)).toEqual([formName]);
  });
});

describe("audit log", () => {
  it("writes sapi for role changes and fapi for refused ones", async () => {
    const role = await createRole(`Audited ${tag()}`);
    await api("DELETE", `/roles/${role.id}`);
    const operator = await operatorRole();
    await api("DELETE", `/roles/${operator.id}`);
    const events = await (await db()).logEvent.findMany({ where: { type: { in: ["sapi", "fapi"] } } });
    expect(events.some((e) => e.type === "sapi" && e.description === "Delete a role" && JSON.stringify(e.details).includes(role.id as string))).toBe(true);
    expect(events.some((e) => e.type === "fapi" && e.description?.includes("cannot be deleted"))).toBe(true);
  });
});
