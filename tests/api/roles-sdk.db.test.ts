// The roles endpoints driven by the official `auth0` SDKs (v7 and v4), whose request shapes and
// response handling are the compatibility contract: v7 auto-pages offset lists until an empty
// page, v4 throws on empty bodies for non-void methods, both treat delete/add/remove as void.
import { ManagementClient as ManagementClientV4 } from "auth0-v4";
import { ManagementClient as ManagementClientV7 } from "auth0-v7";
import { beforeAll, describe, expect, it } from "vitest";
import { appFetch } from "../helpers/app.ts";
import { MANAGEMENT_AUDIENCE } from "../helpers/tokens.ts";
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_BOOTSTRAP_CLIENT_SECRET, TEST_DOMAIN } from "../setup/test-env.ts";

const options = { domain: TEST_DOMAIN, clientId: TEST_BOOTSTRAP_CLIENT_ID, clientSecret: TEST_BOOTSTRAP_CLIENT_SECRET, fetch: appFetch };
const tag = () => crypto.randomUUID().slice(0, 8);
const readUsers = { resource_server_identifier: MANAGEMENT_AUDIENCE, permission_name: "read:users" };
const readRoles = { resource_server_identifier: MANAGEMENT_AUDIENCE, permission_name: "read:roles" };

let prefix: string;
beforeAll(async () => {
  // More roles than one default page, so v7's auto-paging has to turn pages.
  prefix = `sdk-${tag()}`;
  const { getDb } = await import("../../lib/db/client.ts");
  const { newRoleId } = await import("../../lib/crypto/ids.ts");
  await (await getDb()).role.createMany({ data: Array.from({ length: 60 }, (_, i) => ({ id: newRoleId(), name: `${prefix} ${String(i).padStart(2, "0")}` })) });
});

describe("auth0 SDK v7: roles", () => {
  const management = new ManagementClientV7(options);

  it("creates, reads, updates, lists, manages permissions and deletes", async () => {
    const name = `v7 role ${tag()}`;
    const created = await management.roles.create({ name, description: "from v7" });
    expect(created).toMatchObject({ name, description: "from v7" });
    expect(await management.roles.get(created.id!)).toMatchObject({ id: created.id, name });
    expect(await management.roles.update(created.id!, { description: "updated" })).toMatchObject({ description: "updated" });

    const names: string[] = [];
    for await (const role of await management.roles.list({ name_filter: prefix.toUpperCase() })) names.push(role.name!);
    expect(names).toHaveLength(60);
    expect(names[0]).toBe(`${prefix} 00`);

    await management.roles.permissions.add(created.id!, { permissions: [readUsers, readRoles] });
    await management.roles.permissions.add(created.id!, { permissions: [readUsers] });
    const permissions = [];
    for await (const p of await management.roles.permissions.list(created.id!, { per_page: 1 })) permissions.push(p);
    expect(permissions).toEqual([
      { ...readRoles, resource_server_name: "Gatehouse Management API", description: "Read Roles" },
      { ...readUsers, resource_server_name: "Gatehouse Management API", description: "Read Users" },
    ]);
    await management.roles.permissions.delete(created.id!, { permissions: [readUsers] });
    expect((await management.roles.permissions.list(created.id!)).data).toHaveLength(1);

    await management.roles.delete(created.id!);
    await expect(management.roles.get(created.id!)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("surfaces errors as typed SDK errors", async () => {
    await expect(management.roles.create({ name: "" })).rejects.toMatchObject({ statusCode: 400 });
    const name = `v7 dup ${tag()}`;
    await management.roles.create({ name });
    await expect(management.roles.create({ name })).rejects.toMatchObject({ statusCode: 409 });
    await expect(management.roles.permissions.add("rol_doesnotexist0000", { permissions: [readUsers] })).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe("auth0 SDK v4: roles", () => {
  const management = new ManagementClientV4(options);

  it("creates, reads, updates, lists, manages permissions and deletes", async () => {
    const name = `v4 role ${tag()}`;
    const { data: created } = await management.roles.create({ name });
    expect(created.name).toBe(name);
    expect(created).not.toHaveProperty("description");
    expect((await management.roles.get({ id: created.id! })).data.name).toBe(name);
    expect((await management.roles.update({ id: created.id! }, { name: `${name} renamed` })).data.name).toBe(`${name} renamed`);

    const { data: page } = await management.roles.getAll({ name_filter: prefix, include_totals: true, per_page: 50, page: 1 });
    expect(page).toMatchObject({ start: 50, limit: 50, total: 60 });
    expect(page.roles).toHaveLength(10);
    const { data: bare } = await management.roles.getAll({ name_filter: `${prefix} 5` });
    expect(bare.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `${prefix} 5${i}`));

    await management.roles.addPermissions({ id: created.id! }, { permissions: [readUsers] });
    const { data: permissions } = await management.roles.getPermissions({ id: created.id!, include_totals: true });
    expect(permissions).toMatchObject({ start: 0, limit: 50, total: 1, permissions: [{ ...readUsers, resource_server_name: "Gatehouse Management API" }] });
    await management.roles.deletePermissions({ id: created.id! }, { permissions: [readUsers] });
    expect((await management.roles.getPermissions({ id: created.id! })).data).toEqual([]);

    await management.roles.delete({ id: created.id! });
    await expect(management.roles.get({ id: created.id! })).rejects.toMatchObject({ statusCode: 404, errorCode: "inexistent_role" });
  });
});
