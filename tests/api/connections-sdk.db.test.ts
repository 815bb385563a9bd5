// Connections through the official SDKs (v7 and v4), end to end: the wire contract of
// auth0-config-endpoints.md §4 as the SDKs themselves send and read it (checkpoint paging for
// v7's list, offset envelopes for v4, bare-array PATCH bodies, 204 void responses).
import { ManagementClient as ManagementClientV4 } from "auth0-v4";
import { ManagementClient as ManagementClientV7 } from "auth0-v7";
import { describe, expect, it } from "vitest";
import { appFetch } from "../helpers/app.ts";
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_BOOTSTRAP_CLIENT_SECRET, TEST_DOMAIN } from "../setup/test-env.ts";

const options = { domain: TEST_DOMAIN, clientId: TEST_BOOTSTRAP_CLIENT_ID, clientSecret: TEST_BOOTSTRAP_CLIENT_SECRET, fetch: appFetch };
const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

describe("connections with auth0 SDK v7", () => {
  const management = new ManagementClientV7(options);

  it("creates, reads, lists (checkpoint), updates and deletes", async () => {
    const created = await management.connections.create({ name: unique("v7"), strategy: "auth0", options: { passwordPolicy: "fair" } });
    expect(created.id).toMatch(/^con_/);
    expect(created.enabled_clients).toEqual([]);

    const fetched = await management.connections.get(created.id!);
    expect(fetched.options).toMatchObject({ passwordPolicy: "fair" });

    // v7 sends include_totals=true&take=50 and follows `next`.
    for (let i = 0; i < 3; i++) await management.connections.create({ name: unique("v7-page"), strategy: "auth0" });
    const ids: string[] = [];
    for await (const connection of await management.connections.list({ take: 2 })) ids.push(connection.id!);
    expect(ids).toContain(created.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(6);
    const byStrategy = await management.connections.list({ strategy: ["auth0"], name: created.name });
    expect(byStrategy.data.map((c) => c.id)).toEqual([created.id]);

    const updated = await management.connections.update(created.id!, { display_name: "Renamed", options: { passwordPolicy: "excellent" } });
    expect(updated).toMatchObject({ display_name: "Renamed", options: { passwordPolicy: "excellent" } });

    await management.connections.delete(created.id!);
    await expect(management.connections.get(created.id!)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("manages enabled clients in both directions", async () => {
    const app = await management.clients.create({ name: unique("v7-app") });
    const connection = await management.connections.create({ name: unique("v7-ec"), strategy: "auth0" });
    await management.connections.clients.update(connection.id!, [{ client_id: app.client_id!, status: true }]);

    const clients: string[] = [];
    for await (const c of await management.connections.clients.get(connection.id!)) clients.push(c.client_id);
    expect(clients).toEqual([app.client_id]);

    const connections: string[] = [];
    for await (const c of await management.clients.connections.get(app.client_id!, { take: 1 })) connections.push(c.id!);
    expect(connections).toContain(connection.id);

    await management.connections.clients.update(connection.id!, [{ client_id: app.client_id!, status: false }]);
    expect((await management.connections.clients.get(connection.id!)).data).toEqual([]);
  });

  it("surfaces refusals as typed errors", async () => {
    await expect(management.connections.create({ name: "bad_name", strategy: "auth0" })).rejects.toMatchObject({ statusCode: 400 });
    await expect(management.connections.create({ name: unique("gh"), strategy: "github" })).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe("connections with auth0 SDK v4", () => {
  const management = new ManagementClientV4(options);

  it("creates, reads, lists (offset and bare), updates and deletes", async () => {
    const { data: created } = await management.connections.create({ name: unique("v4"), strategy: "auth0" });
    expect(created.name).toBeTruthy();

    const { data: fetched } = await management.connections.get({ id: created.id });
    expect(fetched.enabled_clients).toEqual([]);

    const { data: page } = await management.connections.getAll({ include_totals: true, per_page: 50, page: 0 });
    expect(page.connections.some((c) => c.id === created.id)).toBe(true);
    expect(page.total).toBeGreaterThanOrEqual(3);
    const { data: bare } = await management.connections.getAll({ strategy: ["auth0"] });
    expect(bare.some((c) => c.id === created.id)).toBe(true);

    const { data: updated } = await management.connections.update({ id: created.id }, { metadata: { owner: "v4" } });
    expect(updated.metadata).toEqual({ owner: "v4" });

    await management.connections.delete({ id: created.id });
    await expect(management.connections.get({ id: created.id })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("manages enabled clients in both directions", async () => {
    const { data: app } = await management.clients.create({ name: unique("v4-app") });
    const { data: connection } = await management.connections.create({ name: unique("v4-ec"), strategy: "auth0" });
    await management.connections.updateEnabledClients({ id: connection.id }, [{ client_id: app.client_id, status: true }]);
    const { data: enabled } = await management.connections.getEnabledClients({ id: connection.id, take: 50 });
    expect(enabled.clients).toEqual([{ client_id: app.client_id }]);
    const { data: ofClient } = await management.clients.getEnabledConnections({ client_id: app.client_id });
    expect(ofClient.connections.map((c) => c.id)).toContain(connection.id);
  });
});
