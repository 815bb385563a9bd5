// The Users API driven by both official SDK lines (auth0 v7 and v4, as tests/api/auth0-sdk.db.test.ts
// runs them: the SDKs' own token requests, paging and error parsing, served in-process).
//
// Covered here: create, get, users-by-email, update with metadata merge, block and unblock,
// user-blocks, roles and permissions (both directions), user logs, tickets, linking, delete.
// LISTING AND SEARCHING (GET /users with q, auto-pagination) belongs to the users-search workstream:
// see the "list and search" sections at the end of each describe block, left for it to fill.
import { ManagementClient as ManagementClientV4 } from "auth0-v4";
import { ManagementClient as ManagementClientV7 } from "auth0-v7";
import { beforeAll, describe, expect, it } from "vitest";
import { newObjectId } from "../../lib/crypto/ids.ts";
import { appFetch } from "../helpers/app.ts";
import { db, DEFAULT_CONNECTION, PASSWORD, tag, uniqueEmail } from "../helpers/users.ts";
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_BOOTSTRAP_CLIENT_SECRET, TEST_DOMAIN } from "../setup/test-env.ts";

const options = { domain: TEST_DOMAIN, clientId: TEST_BOOTSTRAP_CLIENT_ID, clientSecret: TEST_BOOTSTRAP_CLIENT_SECRET, fetch: appFetch };

let apiIdentifier: string;
beforeAll(async () => {
  apiIdentifier = `https://sdk-users-${tag()}.example/`;
  await (await db()).resourceServer.create({
    data: { id: newObjectId(), identifier: apiIdentifier, name: "SDK API", scopes: [{ value: "read:things", description: "Read things" }, { value: "write:things" }] },
  });
});

/** A brute-force block, as the login flow will write one. */
async function bruteForceBlock(identifier: string, userId: string) {
  const database = await db();
  const connection = await database.connection.findUniqueOrThrow({ where: { name: DEFAULT_CONNECTION }, select: { id: true } });
  await database.userBlock.create({ data: { id: `blk_${tag()}`, identifier, ip: "198.51.100.77", connection_id: connection.id, user_id: userId } });
}

describe("auth0 SDK v7: users", () => {
  const management = new ManagementClientV7(options);

  it("creates, gets, finds by email, updates with a metadata merge, blocks and unblocks", async () => {
    const email = uniqueEmail("v7");
    const created = await management.users.create({ connection: DEFAULT_CONNECTION, email, password: PASSWORD, user_metadata: { theme: "dark", lang: "en" } });
    expect(created.user_id).toMatch(/^auth0\|/);
    expect(created.email).toBe(email);

    const fetched = await management.users.get(created.user_id!);
    expect(fetched.identities?.[0]?.connection).toBe(DEFAULT_CONNECTION);
    const projected = await management.users.get(created.user_id!, { fields: "user_id,email", include_fields: true });
    expect(Object.keys(projected).sort()).toEqual(["email", "user_id"]);

    const byEmail = await management.users.listUsersByEmail({ email: email.toUpperCase() });
    expect(byEmail.map((u) => u.user_id)).toEqual([created.user_id]);

    const updated = await management.users.update(created.user_id!, { user_metadata: { lang: null, tz: "Europe/Paris" } as never, app_metadata: { plan: "pro" } });
    expect(updated.user_metadata).toEqual({ theme: "dark", tz: "Europe/Paris" });
    expect(updated.app_metadata).toEqual({ plan: "pro" });

    expect((await management.users.update(created.user_id!, { blocked: true })).blocked).toBe(true);
    expect((await management.users.update(created.user_id!, { blocked: false })).blocked).toBeFalsy();
  });

  it("surfaces Auth0's errors: 409 on a duplicate, 400 naming an unknown property, 404 inexistent_user", async () => {
    const email = uniqueEmail("v7dup");
    await management.users.create({ connection: DEFAULT_CONNECTION, email, password: PASSWORD });
    await expect(management.users.create({ connection: DEFAULT_CONNECTION, email, password: PASSWORD })).rejects.toMatchObject({
      statusCode: 409,
      body: { message: "The user already exists.", errorCode: "auth0_idp_error" },
    });
    await expect(management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail(), password: PASSWORD, colour: "red" } as never)).rejects.toMatchObject({
      statusCode: 400,
      body: { errorCode: "invalid_body", message: "Payload validation error: 'Additional properties not allowed: colour'." },
    });
    await expect(management.users.get("auth0|nobody")).rejects.toMatchObject({ statusCode: 404, body: { errorCode: "inexistent_user" } });
  });

  it("lists and releases brute-force blocks by identifier and by user id", async () => {
    const user = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v7blk"), password: PASSWORD });
    await bruteForceBlock(user.email!, user.user_id!);
    const byIdentifier = await management.userBlocks.listByIdentifier({ identifier: user.email!, consider_brute_force_enablement: false });
    expect(byIdentifier.blocked_for).toEqual([{ identifier: user.email, ip: "198.51.100.77", connection: DEFAULT_CONNECTION }]);
    expect((await management.userBlocks.list(user.user_id!)).blocked_for).toHaveLength(1);
    await management.userBlocks.delete(user.user_id!);
    expect((await management.userBlocks.list(user.user_id!)).blocked_for).toEqual([]);
    await bruteForceBlock(user.email!, user.user_id!);
    await management.userBlocks.deleteByIdentifier({ identifier: user.email! });
    expect((await management.userBlocks.listByIdentifier({ identifier: user.email! })).blocked_for).toEqual([]);
  });

  it("assigns, lists (auto-paginated) and removes roles and permissions, both ways round", async () => {
    const user = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v7rbac"), password: PASSWORD });
    const roles = await Promise.all([1, 2, 3].map((i) => management.roles.create({ name: `v7-${tag()}-${i}` })));
    await management.users.roles.assign(user.user_id!, { roles: roles.map((r) => r.id!) });
    const held: string[] = [];
    for await (const role of await management.users.roles.list(user.user_id!, { per_page: 2 })) held.push(role.id!);
    expect(held.sort()).toEqual(roles.map((r) => r.id!).sort());
    await management.users.roles.delete(user.user_id!, { roles: [roles[0]!.id!] });
    expect((await management.users.roles.list(user.user_id!)).data).toHaveLength(2);

    const other = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v7member"), password: PASSWORD });
    await management.roles.users.assign(roles[1]!.id!, { users: [other.user_id!] });
    const members: string[] = [];
    for await (const member of await management.roles.users.list(roles[1]!.id!, { take: 1 })) members.push(member.user_id!);
    expect(members.sort()).toEqual([user.user_id!, other.user_id!].sort());

    await management.users.permissions.create(user.user_id!, { permissions: [{ resource_server_identifier: apiIdentifier, permission_name: "read:things" }] });
    const permissions = (await management.users.permissions.list(user.user_id!)).data;
    expect(permissions).toEqual([
      expect.objectContaining({ resource_server_identifier: apiIdentifier, permission_name: "read:things", resource_server_name: "SDK API", description: "Read things" }),
    ]);
    await management.users.permissions.delete(user.user_id!, { permissions: [{ resource_server_identifier: apiIdentifier, permission_name: "read:things" }] });
    expect((await management.users.permissions.list(user.user_id!)).data).toEqual([]);
  });

  it("reads the user's log events", async () => {
    const user = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v7logs"), password: PASSWORD, verify_email: false });
    await management.users.update(user.user_id!, { password: "Changed-Passw0rd" });
    await management.tickets.changePassword({ user_id: user.user_id! });
    const types: string[] = [];
    for await (const log of await management.users.logs.list(user.user_id!, { sort: "date:-1" })) types.push(log.type!);
    expect(types).toEqual(["scpr", "scp"]);
  });

  it("creates tickets", async () => {
    const user = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v7ticket"), password: PASSWORD });
    const change = await management.tickets.changePassword({ user_id: user.user_id!, ttl_sec: 3600 });
    expect(change.ticket).toMatch(/^https:\/\/gatehouse\.test\/u\/reset-verify\?ticket=/);
    const verify = await management.tickets.verifyEmail({ user_id: user.user_id! });
    expect(verify.ticket).toMatch(/^https:\/\/gatehouse\.test\/u\/email-verification\?ticket=/);
  });

  it("links and unlinks accounts", async () => {
    const primary = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v7p"), password: PASSWORD });
    const secondary = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v7s"), password: PASSWORD });
    const secondaryId = secondary.user_id!.slice("auth0|".length);
    const linked = await management.users.identities.link(primary.user_id!, { provider: "auth0", user_id: secondaryId });
    expect(linked.map((i) => i.user_id)).toEqual([primary.user_id!.slice(6), secondaryId]);
    const remaining = await management.users.identities.delete(primary.user_id!, "auth0", secondaryId);
    expect(remaining).toHaveLength(1);
    expect((await management.users.get(secondary.user_id!)).email).toBe(secondary.email);
  });

  it("deletes", async () => {
    const user = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v7del"), password: PASSWORD });
    await management.users.delete(user.user_id!);
    await expect(management.users.get(user.user_id!)).rejects.toMatchObject({ statusCode: 404 });
  });

  // --- list and search (GET /users with q, auto-pagination): added by the users-search workstream ---
});

describe("auth0 SDK v4: users", () => {
  const management = new ManagementClientV4(options);

  it("creates, gets, finds by email, updates with a metadata merge, blocks and unblocks", async () => {
    const email = uniqueEmail("v4");
    const { data: created, status } = await management.users.create({ connection: DEFAULT_CONNECTION, email, password: PASSWORD, user_metadata: { a: 1, b: 2 } });
    expect(status).toBe(201);
    const { data: fetched } = await management.users.get({ id: created.user_id! });
    expect(fetched.email).toBe(email);
    const { data: byEmail } = await management.usersByEmail.getByEmail({ email });
    expect(byEmail.map((u) => u.user_id)).toEqual([created.user_id]);
    const { data: updated } = await management.users.update({ id: created.user_id! }, { user_metadata: { b: null, c: 3 } as never });
    expect(updated.user_metadata).toEqual({ a: 1, c: 3 });
    expect((await management.users.update({ id: created.user_id! }, { blocked: true })).data.blocked).toBe(true);
    expect((await management.users.update({ id: created.user_id! }, { blocked: false })).data.blocked).toBeFalsy();
  });

  it("surfaces Auth0's errors (errorCode, message)", async () => {
    await expect(management.users.get({ id: "auth0|nobody" })).rejects.toMatchObject({ statusCode: 404, errorCode: "inexistent_user", message: "The user does not exist." });
    await expect(management.users.create({ connection: "no-such-connection", email: uniqueEmail(), password: PASSWORD })).rejects.toMatchObject({
      statusCode: 400,
      message: "Connection does not exist.",
    });
  });

  it("lists and releases brute-force blocks by identifier and by user id", async () => {
    const { data: user } = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v4blk"), password: PASSWORD });
    await bruteForceBlock(user.email!, user.user_id!);
    expect((await management.userBlocks.getAll({ identifier: user.email! })).data.blocked_for).toHaveLength(1);
    expect((await management.userBlocks.get({ id: user.user_id! })).data.blocked_for).toHaveLength(1);
    await management.userBlocks.deleteAll({ identifier: user.email! });
    expect((await management.userBlocks.get({ id: user.user_id! })).data.blocked_for).toEqual([]);
    await bruteForceBlock(user.email!, user.user_id!);
    await management.userBlocks.delete({ id: user.user_id! });
    expect((await management.userBlocks.getAll({ identifier: user.email! })).data.blocked_for).toEqual([]);
  });

  it("assigns, lists and removes roles and permissions, both ways round", async () => {
    const { data: user } = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v4rbac"), password: PASSWORD });
    const { data: role } = await management.roles.create({ name: `v4-${tag()}` });
    await management.users.assignRoles({ id: user.user_id! }, { roles: [role.id!] });
    const { data: page } = await management.users.getRoles({ id: user.user_id!, include_totals: true, per_page: 10, page: 0 });
    expect(page.roles.map((r) => r.id)).toEqual([role.id]);
    expect(page.total).toBe(1);
    const { data: members } = await management.roles.getUsers({ id: role.id! });
    expect(members.map((m) => m.user_id)).toEqual([user.user_id]);
    const { data: other } = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v4member"), password: PASSWORD });
    await management.roles.assignUsers({ id: role.id! }, { users: [other.user_id!] });
    const { data: membersPage } = await management.roles.getUsers({ id: role.id!, include_totals: true, per_page: 1, page: 1 });
    expect(membersPage.total).toBe(2);
    expect(membersPage.users).toHaveLength(1);
    await management.users.deleteRoles({ id: user.user_id! }, { roles: [role.id!] });
    expect((await management.users.getRoles({ id: user.user_id! })).data).toEqual([]);

    await management.users.assignPermissions({ id: user.user_id! }, { permissions: [{ resource_server_identifier: apiIdentifier, permission_name: "write:things" }] });
    const { data: permissions } = await management.users.getPermissions({ id: user.user_id!, include_totals: true });
    expect(permissions.permissions.map((p) => p.permission_name)).toEqual(["write:things"]);
    await management.users.deletePermissions({ id: user.user_id! }, { permissions: [{ resource_server_identifier: apiIdentifier, permission_name: "write:things" }] });
    expect((await management.users.getPermissions({ id: user.user_id! })).data).toEqual([]);
  });

  it("reads the user's log events", async () => {
    const { data: user } = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v4logs"), password: PASSWORD, verify_email: false });
    await management.tickets.verifyEmail({ user_id: user.user_id! });
    const { data: logs } = await management.users.getLogs({ id: user.user_id!, include_totals: true, page: 0, per_page: 10 });
    expect(logs.logs.map((l) => l.type)).toEqual(["svr"]);
    expect(logs.total).toBe(1);
  });

  it("creates tickets, links and unlinks, deletes", async () => {
    const { data: primary } = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v4p"), password: PASSWORD });
    const { data: secondary } = await management.users.create({ connection: DEFAULT_CONNECTION, email: uniqueEmail("v4s"), password: PASSWORD });
    const { data: ticket } = await management.tickets.changePassword({ user_id: primary.user_id! });
    expect(ticket.ticket).toContain("/u/reset-verify?ticket=");
    const secondaryId = secondary.user_id!.slice(6);
    const { data: linked } = await management.users.link({ id: primary.user_id! }, { provider: "auth0", user_id: secondaryId });
    expect(linked).toHaveLength(2);
    const { data: remaining } = await management.users.unlink({ id: primary.user_id!, provider: "auth0", user_id: secondaryId });
    expect(remaining).toHaveLength(1);
    await management.users.delete({ id: primary.user_id! });
    await expect(management.users.get({ id: primary.user_id! })).rejects.toMatchObject({ statusCode: 404 });
  });

  // --- list and search (GET /users with q, auto-pagination): added by the users-search workstream ---
});
