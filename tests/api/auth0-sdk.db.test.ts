// Compatibility with the official `auth0` SDK, both major lines users run: v4 (the 4.x
// OpenAPI-generated client) and the current v7 (Fern-generated, same wire behaviour as v5/v6).
// The SDKs talk to https://gatehouse.test; a custom fetch hands their requests to the route
// handlers, so everything else (token request, headers, paging, error parsing) is the SDKs' own.
import { ManagementClient as ManagementClientV4 } from "auth0-v4";
import { ManagementClient as ManagementClientV7 } from "auth0-v7";
import { describe, expect, it } from "vitest";
import { appFetch } from "../helpers/app.ts";
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_BOOTSTRAP_CLIENT_SECRET, TEST_DOMAIN } from "../setup/test-env.ts";

const options = { domain: TEST_DOMAIN, clientId: TEST_BOOTSTRAP_CLIENT_ID, clientSecret: TEST_BOOTSTRAP_CLIENT_SECRET, fetch: appFetch };
const unique = (name: string) => `${name} ${Math.random().toString(36).slice(2, 8)}`;

describe("auth0 SDK v7 (ManagementClient)", () => {
  const management = new ManagementClientV7(options);

  it("gets a token by client credentials and manages clients", async () => {
    const created = await management.clients.create({ name: unique("v7 app"), app_type: "regular_web", callbacks: ["https://app.example/cb"] });
    expect(created.client_id).toBeTruthy();
    expect(created.client_secret).toBeTruthy();

    const fetched = await management.clients.get(created.client_id!);
    expect(fetched.name).toBe(created.name);

    const updated = await management.clients.update(created.client_id!, { description: "updated by v7" });
    expect(updated.description).toBe("updated by v7");

    const rotated = await management.clients.rotateSecret(created.client_id!);
    expect(rotated.client_secret).not.toBe(created.client_secret);

    const ids: string[] = [];
    for await (const client of await management.clients.list({ per_page: 2 })) ids.push(client.client_id!);
    expect(ids).toContain(created.client_id);
    expect(new Set(ids).size).toBe(ids.length);

    await management.clients.delete(created.client_id!);
    await expect(management.clients.get(created.client_id!)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("manages resource servers", async () => {
    const identifier = `https://api.${Math.random().toString(36).slice(2, 8)}.example/`;
    const created = await management.resourceServers.create({ identifier, name: unique("v7 api"), scopes: [{ value: "read:things", description: "Read things" }] });
    expect(created.identifier).toBe(identifier);

    const byId = await management.resourceServers.get(created.id!);
    expect(byId.name).toBe(created.name);

    const updated = await management.resourceServers.update(created.id!, { token_lifetime: 3600 });
    expect(updated.token_lifetime).toBe(3600);

    const page = await management.resourceServers.list();
    expect(page.data.some((rs) => rs.id === created.id)).toBe(true);

    await management.resourceServers.delete(created.id!);
    await expect(management.resourceServers.get(created.id!)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("surfaces Auth0 error bodies as typed errors", async () => {
    await expect(management.clients.create({ name: "" })).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe("auth0 SDK v4 (ManagementClient)", () => {
  const management = new ManagementClientV4(options);

  it("gets a token by client credentials and manages clients", async () => {
    const { data: created } = await management.clients.create({ name: unique("v4 app"), app_type: "spa" });
    expect(created.client_id).toBeTruthy();

    const { data: fetched } = await management.clients.get({ client_id: created.client_id });
    expect(fetched.app_type).toBe("spa");

    const { data: updated } = await management.clients.update({ client_id: created.client_id }, { callbacks: ["https://spa.example/cb"] });
    expect(updated.callbacks).toEqual(["https://spa.example/cb"]);

    const { data: rotated } = await management.clients.rotateClientSecret({ client_id: created.client_id });
    expect(rotated.client_secret).not.toBe(created.client_secret);

    const { data: page } = await management.clients.getAll({ include_totals: true, per_page: 100, page: 0 });
    expect(page.clients.some((c) => c.client_id === created.client_id)).toBe(true);
    expect(page.total).toBeGreaterThanOrEqual(page.clients.length);

    await management.clients.delete({ client_id: created.client_id });
    await expect(management.clients.get({ client_id: created.client_id })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("manages resource servers", async () => {
    const identifier = `https://api.${Math.random().toString(36).slice(2, 8)}.example/v4`;
    const { data: created } = await management.resourceServers.create({ identifier, name: unique("v4 api") });
    const { data: byIdentifier } = await management.resourceServers.get({ id: identifier });
    expect(byIdentifier.id).toBe(created.id);

    const { data: updated } = await management.resourceServers.update({ id: created.id! }, { allow_offline_access: true });
    expect(updated.allow_offline_access).toBe(true);

    const { data: list } = await management.resourceServers.getAll();
    expect(list.some((rs) => rs.id === created.id)).toBe(true);

    await management.resourceServers.delete({ id: created.id! });
    await expect(management.resourceServers.get({ id: created.id! })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("surfaces Auth0 error bodies (errorCode, message)", async () => {
    await expect(management.clients.create({ name: "x", colour: "red" } as never)).rejects.toMatchObject({
      statusCode: 400,
      errorCode: "invalid_body",
      message: "Payload validation error: 'Additional properties not allowed: colour'.",
    });
  });
});
