// /api/v2/users/{id}/roles, /api/v2/users/{id}/permissions and /api/v2/roles/{id}/users
// (auth0-management-api.md §3.7, §3.8, §3.14), on SQLite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { newObjectId } from "../../lib/crypto/ids.ts";
import { managementToken } from "../helpers/tokens.ts";
import { api, createUser, db, operatorUserId, tag, userPath, type Json } from "../helpers/users.ts";

async function createRole(name = `role-${tag()}`): Promise<Json> {
  const r = await api("POST", "/roles", { name, description: `About ${name}` });
  expect(r.status).toBe(200);
  return r.body as Json;
}

async function createApi(): Promise<string> {
  const identifier = `https://users-api-${tag()}.example/`;
  await (await db()).resourceServer.create({
    data: {
      id: newObjectId(),
      identifier,
      name: "Orders API",
      scopes: [
        { value: "read:orders", description: "Read orders" },
        { value: "write:orders", description: "Write orders" },
        { value: "undocumented" },
      ],
    },
  });
  return identifier;
}

async function operatorRoleId(): Promise<string> {
  return (await (await db()).role.findFirstOrThrow({ where: { is_system: true }, select: { id: true } })).id;
}

describe("/api/v2/users/{id}/roles", () => {
  it("lists none, assigns (204, idempotent), lists sorted by name in both list shapes, removes (204)", async () => {
    const user = await createUser();
    const path = `${userPath(user.user_id as string)}/roles`;
    expect(await api("GET", path)).toMatchObject({ status: 200, body: [] });
    expect((await api("GET", `${path}?include_totals=true`)).body).toEqual({ start: 0, limit: 50, total: 0, roles: [] });

    const prefix = tag();
    const b = await createRole(`${prefix}-b`);
    const a = await createRole(`${prefix}-a`);
    const c = await createRole(`${prefix}-c`);
    const assigned = await api("POST", path, { roles: [b.id, a.id, c.id, a.id] });
    expect(assigned.status).toBe(204);
    expect(assigned.text).toBe("");
    expect((await api("POST", path, { roles: [a.id] })).status).toBe(204);

    const list = await api("GET", path);
    expect(list.body).toEqual([a, b, c]);
    const page = await api("GET", `${path}?per_page=2&page=1&include_totals=true`);
    expect(page.body).toEqual({ start: 2, limit: 2, total: 3, roles: [c] });
    expect((await api("GET", `${path}?per_page=2&page=5`)).body).toEqual([]);

    expect((await api("DELETE", path, { roles: [b.id, `rol_${"x".repeat(16)}`] })).status).toBe(204);
    expect((await api("GET", path)).body).toEqual([a, c]);
  });

  it("assigns nothing when one role does not exist (400 naming it)", async () => {
    const user = await createUser();
    const path = `${userPath(user.user_id as string)}/roles`;
    const real = await createRole();
    const missing = `rol_${"Z".repeat(16)}`;
    const r = await api("POST", path, { roles: [real.id, missing] });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain(missing);
    expect((await api("GET", path)).body).toEqual([]);
  });

  it.each<[string, unknown]>([
    ["an empty list", { roles: [] }],
    ["a missing list", {}],
    ["a list of numbers", { roles: [1] }],
    ["an unknown property", { roles: ["rol_x"], extra: 1 }],
  ])("refuses %s (400 invalid_body)", async (_name, body) => {
    const user = await createUser();
    const r = await api("POST", `${userPath(user.user_id as string)}/roles`, body);
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("invalid_body");
  });

  it("answers 404 for an unknown user", async () => {
    const role = await createRole();
    expect((await api("GET", "/users/auth0%7Cnobody/roles")).status).toBe(404);
    expect((await api("POST", "/users/auth0%7Cnobody/roles", { roles: [role.id] })).status).toBe(404);
    expect((await api("DELETE", "/users/auth0%7Cnobody/roles", { roles: [role.id] })).status).toBe(404);
  });

  it("never grants or revokes Gatehouse's operator role, nor touches operators", async () => {
    const user = await createUser();
    const operatorRole = await operatorRoleId();
    const grant = await api("POST", `${userPath(user.user_id as string)}/roles`, { roles: [operatorRole] });
    expect(grant.status).toBe(400);
    expect(grant.body.errorCode).toBe("operation_not_supported");
    const revoke = await api("DELETE", `${userPath(await operatorUserId())}/roles`, { roles: [operatorRole] });
    expect(revoke.status).toBe(400);
    expect(await (await db()).userRole.count({ where: { role_id: operatorRole } })).toBe(1);
  });

  it("needs read:users AND read:roles to list; update:users or create:role_members to assign", async () => {
    const user = await createUser();
    const role = await createRole();
    const path = `${userPath(user.user_id as string)}/roles`;
    const readUsersOnly = await api("GET", path, undefined, await managementToken("read:users"));
    expect(readUsersOnly.status).toBe(403);
    expect(readUsersOnly.body.message).toBe("Insufficient scope, expected all of: read:users,read:roles");
    expect((await api("GET", path, undefined, await managementToken("read:users read:roles"))).status).toBe(200);
    expect((await api("POST", path, { roles: [role.id] }, await managementToken("read:users"))).status).toBe(403);
    expect((await api("POST", path, { roles: [role.id] }, await managementToken("create:role_members"))).status).toBe(204);
    expect((await api("DELETE", path, { roles: [role.id] }, await managementToken("create:role_members"))).status).toBe(403);
    expect((await api("DELETE", path, { roles: [role.id] }, await managementToken("delete:role_members"))).status).toBe(204);
  });
});

describe("/api/v2/users/{id}/permissions", () => {
  let identifier: string;
  beforeAll(async () => {
    identifier = await createApi();
  });

  it("grants directly (201, no body), lists direct and role permissions with their sources, removes direct ones (204)", async () => {
    const user = await createUser();
    const path = `${userPath(user.user_id as string)}/permissions`;
    const granted = await api("POST", path, { permissions: [{ resource_server_identifier: identifier, permission_name: "write:orders" }, { resource_server_identifier: identifier, permission_name: "undocumented" }] });
    expect(granted.status).toBe(201);
    expect(granted.text).toBe("");

    const role = await createRole();
    expect((await api("POST", `/roles/${role.id}/permissions`, { permissions: [{ resource_server_identifier: identifier, permission_name: "read:orders" }, { resource_server_identifier: identifier, permission_name: "write:orders" }] })).status).toBe(201);
    expect((await api("POST", `${userPath(user.user_id as string)}/roles`, { roles: [role.id] })).status).toBe(204);

    const list = await api("GET", `${path}?include_totals=true`);
    expect(list.body).toEqual({
      start: 0,
      limit: 50,
      total: 3,
      permissions: [
        { resource_server_identifier: identifier, permission_name: "read:orders", resource_server_name: "Orders API", description: "Read orders", sources: [{ source_id: role.id, source_name: role.name, source_type: "ROLE" }] },
        { resource_server_identifier: identifier, permission_name: "undocumented", resource_server_name: "Orders API", sources: [{ source_id: "", source_name: "", source_type: "DIRECT" }] },
        {
          resource_server_identifier: identifier,
          permission_name: "write:orders",
          resource_server_name: "Orders API",
          description: "Write orders",
          sources: [{ source_id: "", source_name: "", source_type: "DIRECT" }, { source_id: role.id, source_name: role.name, source_type: "ROLE" }],
        },
      ],
    });
    expect((await api("GET", `${path}?per_page=1&page=2`)).body.map((p: Json) => p.permission_name)).toEqual(["write:orders"]);

    const removed = await api("DELETE", path, { permissions: [{ resource_server_identifier: identifier, permission_name: "write:orders" }, { resource_server_identifier: identifier, permission_name: "undocumented" }] });
    expect(removed.status).toBe(204);
    const after = (await api("GET", path)).body as Json[];
    expect(after.map((p) => [p.permission_name, (p.sources as Json[]).map((s) => s.source_type)])).toEqual([
      ["read:orders", ["ROLE"]],
      ["write:orders", ["ROLE"]],
    ]);
  });

  it.each<[string, Json, string]>([
    ["a scope the API does not define", { resource_server_identifier: "API", permission_name: "delete:everything" }, "Permission delete:everything is not defined by API"],
    ["an API that does not exist", { resource_server_identifier: "https://nope.example/", permission_name: "read:orders" }, "Resource server https://nope.example/ does not exist."],
  ])("refuses %s (400) and grants nothing", async (_name, permission, message) => {
    const user = await createUser();
    const path = `${userPath(user.user_id as string)}/permissions`;
    const wanted = { ...permission, resource_server_identifier: permission.resource_server_identifier === "API" ? identifier : permission.resource_server_identifier };
    const r = await api("POST", path, { permissions: [{ resource_server_identifier: identifier, permission_name: "read:orders" }, wanted] });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain(message);
    expect((await api("GET", path)).body).toEqual([]);
  });

  it.each<[string, unknown]>([
    ["an empty list", { permissions: [] }],
    ["an entry without permission_name", { permissions: [{ resource_server_identifier: "x" }] }],
    ["an entry with an extra property", { permissions: [{ resource_server_identifier: "x", permission_name: "y", z: 1 }] }],
  ])("refuses %s (400 invalid_body)", async (_name, body) => {
    const user = await createUser();
    const r = await api("POST", `${userPath(user.user_id as string)}/permissions`, body);
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("invalid_body");
  });

  it("answers 404 for an unknown user, and needs read:users / update:users", async () => {
    expect((await api("GET", "/users/auth0%7Cnobody/permissions")).status).toBe(404);
    const user = await createUser();
    const path = `${userPath(user.user_id as string)}/permissions`;
    expect((await api("GET", path, undefined, await managementToken("read:roles"))).status).toBe(403);
    const body = { permissions: [{ resource_server_identifier: identifier, permission_name: "read:orders" }] };
    expect((await api("POST", path, body, await managementToken("read:users"))).status).toBe(403);
    expect((await api("DELETE", path, body, await managementToken("read:users"))).status).toBe(403);
  });
});

describe("/api/v2/roles/{id}/users", () => {
  let role: Json;
  let members: string[];
  beforeAll(async () => {
    role = await createRole();
    const users = await Promise.all(Array.from({ length: 5 }, (_, i) => createUser({ name: `Member ${i}` })));
    members = users.map((u) => u.user_id as string).sort();
    const r = await api("POST", `/roles/${role.id}/users`, { users: members });
    expect(r.status).toBe(200);
    expect(r.text).toBe("");
  });

  it("pages with checkpoints (SDK v7: take + include_totals → { users, next })", async () => {
    const seen: Json[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const r = await api("GET", `/roles/${role.id}/users?include_totals=true&take=2${next ? `&from=${encodeURIComponent(next)}` : ""}`);
      expect(r.status).toBe(200);
      expect(Object.keys(r.body).every((k) => k === "users" || k === "next")).toBe(true);
      seen.push(...(r.body.users as Json[]));
      next = r.body.next as string | undefined;
      pages++;
    } while (next && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((u) => u.user_id)).toEqual(members);
    expect(Object.keys(seen[0]!).sort()).toEqual(["email", "name", "picture", "user_id"]);
  });

  it("pages with offsets (SDK v4), as an envelope or a bare array", async () => {
    const envelope = await api("GET", `/roles/${role.id}/users?per_page=2&page=1&include_totals=true`);
    expect(envelope.body).toMatchObject({ start: 2, limit: 2, total: 5 });
    expect((envelope.body.users as Json[]).map((u) => u.user_id)).toEqual(members.slice(2, 4));
    const bare = await api("GET", `/roles/${role.id}/users`);
    expect((bare.body as Json[]).map((u) => u.user_id)).toEqual(members);
  });

  it("skips users already holding the role, and refuses unknown users (400, nothing assigned)", async () => {
    const fresh = await createUser();
    const r = await api("POST", `/roles/${role.id}/users`, { users: [members[0], fresh.user_id, "auth0|does-not-exist"] });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain("auth0|does-not-exist");
    expect((await api("GET", `${userPath(fresh.user_id as string)}/roles`)).body).toEqual([]);
    expect((await api("POST", `/roles/${role.id}/users`, { users: [members[0], fresh.user_id] })).status).toBe(200);
    expect((await api("GET", `${userPath(fresh.user_id as string)}/roles`)).body).toEqual([role]);
  });

  it("answers 404 for an unknown role, 400 for a bad body, and refuses the operator role and operators", async () => {
    const user = await createUser();
    expect((await api("GET", `/roles/rol_${"Q".repeat(16)}/users`)).status).toBe(404);
    expect((await api("POST", `/roles/rol_${"Q".repeat(16)}/users`, { users: [user.user_id] })).status).toBe(404);
    expect((await api("POST", `/roles/${role.id}/users`, { users: [] })).status).toBe(400);
    expect((await api("POST", `/roles/${role.id}/users`, { user: [user.user_id] })).status).toBe(400);
    expect((await api("GET", `/roles/${role.id}/users?take=0`)).status).toBe(400);
    expect((await api("GET", `/roles/${role.id}/users?from=garbage`)).status).toBe(400);
    const operatorRole = await api("POST", `/roles/${await operatorRoleId()}/users`, { users: [user.user_id] });
    expect(operatorRole.status).toBe(400);
    expect(operatorRole.body.errorCode).toBe("operation_not_supported");
    const operator = await api("POST", `/roles/${role.id}/users`, { users: [await operatorUserId()] });
    expect(operator.status).toBe(400);
    expect(operator.body.errorCode).toBe("operation_not_supported");
  });

  it("needs read:users and read:roles to list, update:roles or create:role_members to assign", async () => {
    expect((await api("GET", `/roles/${role.id}/users`, undefined, await managementToken("read:roles"))).status).toBe(403);
    expect((await api("GET", `/roles/${role.id}/users`, undefined, await managementToken("read:roles read:users"))).status).toBe(200);
    expect((await api("POST", `/roles/${role.id}/users`, { users: members }, await managementToken("read:roles"))).status).toBe(403);
    expect((await api("POST", `/roles/${role.id}/users`, { users: members }, await managementToken("create:role_members"))).status).toBe(200);
  });

  it("drops assignments with the user", async () => {
    const user = await createUser();
    await api("POST", `/roles/${role.id}/users`, { users: [user.user_id] });
    await api("DELETE", userPath(user.user_id as string));
    const list = (await api("GET", `/roles/${role.id}/users`)).body as Json[];
    expect(list.map((u) => u.user_id)).not.toContain(user.user_id);
  });
});
