import { decodeJwt } from "jose";
import { ManagementClient as ManagementClientV4 } from "auth0-v4";
import { ManagementClient as ManagementClientV7 } from "auth0-v7";
import { beforeAll, describe, expect, it } from "vitest";
import { appFetch, call } from "../helpers/app.ts";
import { managementToken, MANAGEMENT_AUDIENCE } from "../helpers/tokens.ts";
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_BOOTSTRAP_CLIENT_SECRET, TEST_DOMAIN } from "../setup/test-env.ts";

let token: string;
beforeAll(async () => {
  token = await managementToken();
});

async function api(method: string, path: string, json?: unknown, t = token) {
  const response = await call(method, `/api/v2${path}`, { token: t, json });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const unique = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

async function newClient(appType = "non_interactive"): Promise<{ client_id: string; client_secret: string }> {
  const r = await api("POST", "/clients", { name: unique("client"), app_type: appType });
  expect(r.status).toBe(201);
  return r.body;
}

async function newApi(scopes: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const identifier = `https://${unique("api")}.example.com/`;
  const r = await api("POST", "/resource-servers", { identifier, scopes: scopes.map((value) => ({ value })), ...extra });
  expect(r.status).toBe(201);
  return identifier;
}

async function requestToken(client: { client_id: string; client_secret: string }, audience: string) {
  const response = await call("POST", "/oauth/token", {
    form: { grant_type: "client_credentials", client_id: client.client_id, client_secret: client.client_secret, audience },
  });
  return { status: response.status, body: (await response.json()) as { access_token: string; scope: string; error?: string } };
}

describe("/api/v2/client-grants", () => {
  it("authorizes a client for the Management API; changes and deletion apply to the next token request", async () => {
    const machine = await newClient();
    const created = await api("POST", "/client-grants", { client_id: machine.client_id, audience: MANAGEMENT_AUDIENCE, scope: ["read:clients"] });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^cgr_[A-Za-z0-9]{16}$/),
      client_id: machine.client_id,
      audience: MANAGEMENT_AUDIENCE,
      scope: ["read:clients"],
      allow_any_organization: false,
      is_system: false,
      subject_type: "client",
    });

    const first = await requestToken(machine, MANAGEMENT_AUDIENCE);
    expect(first.status).toBe(200);
    expect(first.body.scope).toBe("read:clients");
    expect((await api("GET", "/clients", undefined, first.body.access_token)).status).toBe(200);

    const narrowed = await api("PATCH", `/client-grants/${created.body.id}`, { scope: ["read:logs"] });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body).toMatchObject({ id: created.body.id, scope: ["read:logs"] });
    const second = await requestToken(machine, MANAGEMENT_AUDIENCE);
    expect(decodeJwt(second.body.access_token).scope).toBe("read:logs");
    const forbidden = await api("GET", "/clients", undefined, second.body.access_token);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.errorCode).toBe("insufficient_scope");

    const deleted = await api("DELETE", `/client-grants/${created.body.id}`);
    expect(deleted).toEqual({ status: 204, body: undefined });
    const denied = await requestToken(machine, MANAGEMENT_AUDIENCE);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe("access_denied");
    expect((await api("GET", `/client-grants/${created.body.id}`)).status).toBe(404);
    expect((await api("DELETE", `/client-grants/${created.body.id}`)).status).toBe(404);
  });

  it("authorizes a client for a custom API", async () => {
    const audience = await newApi(["read:orders", "write:orders"]);
    const machine = await newClient();
    const grant = await api("POST", "/client-grants", {
      client_id: machine.client_id,
      audience,
      scope: ["read:orders", "write:orders", "read:orders"],
      organization_usage: "allow",
      allow_any_organization: true,
    });
    expect(grant.status).toBe(201);
    // Duplicates collapse; organization settings are returned when set.
    expect(grant.body).toMatchObject({ scope: ["read:orders", "write:orders"], organization_usage: "allow", allow_any_organization: true });
    const issued = await requestToken(machine, audience);
    expect(issued.status).toBe(200);
    expect(decodeJwt(issued.body.access_token)).toMatchObject({ aud: audience, scope: "read:orders write:orders" });
    expect((await api("GET", `/client-grants/${grant.body.id}`)).body).toEqual(grant.body);
  });

  describe("create: cross-resource integrity", () => {
    it("an unknown client: 404 inexistent_client", async () => {
      const r = await api("POST", "/client-grants", { client_id: "no-such-client", audience: MANAGEMENT_AUDIENCE, scope: [] });
      expect(r).toEqual({ status: 404, body: { statusCode: 404, error: "Not Found", message: "The client does not exist", errorCode: "inexistent_client" } });
    });

    it("an audience that is no API: 404", async () => {
      const machine = await newClient();
      const r = await api("POST", "/client-grants", { client_id: machine.client_id, audience: "https://unknown.example.com/", scope: [] });
      expect(r).toEqual({
        status: 404,
        body: { statusCode: 404, error: "Not Found", message: "No resource with identifier https://unknown.example.com/", errorCode: "inexistent_resource_server" },
      });
    });

    it("a scope the API does not define: 400 naming it; nothing is created", async () => {
      const audience = await newApi(["read:a"]);
      const machine = await newClient();
      const r = await api("POST", "/client-grants", { client_id: machine.client_id, audience, scope: ["read:a", "launch:missiles", "x:y"] });
      expect(r).toEqual({
        status: 400,
        body: { statusCode: 400, error: "Bad Request", message: `The API ${audience} does not define the scopes: launch:missiles, x:y.`, errorCode: "invalid_body" },
      });
      expect((await api("GET", `/client-grants?client_id=${machine.client_id}`)).body).toEqual([]);
      const management = await api("POST", "/client-grants", { client_id: machine.client_id, audience: MANAGEMENT_AUDIENCE, scope: ["read:everything"] });
      expect(management.status).toBe(400);
      expect(management.body.message).toContain("read:everything");
    });

    it("end-user (current_user) scopes of the Management API: 400", async () => {
      const machine = await newClient();
      const r = await api("POST", "/client-grants", { client_id: machine.client_id, audience: MANAGEMENT_AUDIENCE, scope: ["read:users", "read:current_user"] });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ errorCode: "invalid_body", message: "End-user scopes cannot be granted to a machine-to-machine client: read:current_user." });
    });

    it("a second grant for the same client and API: 409", async () => {
      const audience = await newApi(["a"]);
      const machine = await newClient();
      expect((await api("POST", "/client-grants", { client_id: machine.client_id, audience, scope: ["a"] })).status).toBe(201);
      const again = await api("POST", "/client-grants", { client_id: machine.client_id, audience, scope: [] });
      expect(again).toEqual({
        status: 409,
        body: { statusCode: 409, error: "Conflict", message: "A client grant for this client and audience already exists.", errorCode: "client_grant_conflict" },
      });
    });

    it("concurrent creations for the same client and API: one 201, the others 409, never 5xx", async () => {
      const audience = await newApi(["a"]);
      const machine = await newClient();
      const results = await Promise.all(Array.from({ length: 4 }, () => api("POST", "/client-grants", { client_id: machine.client_id, audience, scope: ["a"] })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    });

    it("deleting the client or the API deletes its grants", async () => {
      const audience = await newApi(["a"]);
      const machine = await newClient();
      const grant = await api("POST", "/client-grants", { client_id: machine.client_id, audience, scope: ["a"] });
      expect((await api("DELETE", `/clients/${machine.client_id}`)).status).toBe(204);
      expect((await api("GET", `/client-grants/${grant.body.id}`)).status).toBe(404);
    });
  });

  describe("privilege escalation through grants", () => {
    it("a caller cannot grant Management API scopes its own token lacks, but may narrow", async () => {
      const machine = await newClient();
      const limited = await managementToken("create:client_grants update:client_grants read:clients");
      const escalate = await api("POST", "/client-grants", { client_id: machine.client_id, audience: MANAGEMENT_AUDIENCE, scope: ["read:clients", "delete:users"] }, limited);
      expect(escalate.status).toBe(403);
      expect(escalate.body).toMatchObject({ errorCode: "insufficient_scope" });
      expect(escalate.body.message).toContain("delete:users");
      expect(escalate.body.message).not.toContain("read:clients,");

      const allowed = await api("POST", "/client-grants", { client_id: machine.client_id, audience: MANAGEMENT_AUDIENCE, scope: ["read:clients"] }, limited);
      expect(allowed.status).toBe(201);
      const widen = await api("PATCH", `/client-grants/${allowed.body.id}`, { scope: ["read:clients", "update:client_keys"] }, limited);
      expect(widen.status).toBe(403);
      // The full-scope caller widens; the limited one may still narrow a scope it lacks away.
      await api("PATCH", `/client-grants/${allowed.body.id}`, { scope: ["read:clients", "update:client_keys"] });
      const narrow = await api("PATCH", `/client-grants/${allowed.body.id}`, { scope: ["update:client_keys"] }, limited);
      expect(narrow.status).toBe(200);
      expect(narrow.body.scope).toEqual(["update:client_keys"]);
    });

    it("custom APIs are not restricted to the caller's Management scopes", async () => {
      const audience = await newApi(["orders:admin"]);
      const machine = await newClient();
      const limited = await managementToken("create:client_grants");
      const r = await api("POST", "/client-grants", { client_id: machine.client_id, audience, scope: ["orders:admin"] }, limited);
      expect(r.status).toBe(201);
    });
  });

  it.each([
    [{ audience: MANAGEMENT_AUDIENCE, scope: [] }, "'Missing required property: client_id'."],
    [{ client_id: "c", scope: [] }, "'Missing required property: audience'."],
    [{ client_id: "c", audience: MANAGEMENT_AUDIENCE, scope: "read:clients" }, "'Expected type array but found type string' on property scope."],
    [{ client_id: "c", audience: MANAGEMENT_AUDIENCE, scope: ["read clients"] }, "'A scope value is one word of printable ASCII, without spaces, quotes or backslashes (RFC 6749 §3.3)' on property scope.0."],
    [{ client_id: "c", audience: MANAGEMENT_AUDIENCE, scope: [], colour: "blue" }, "'Additional properties not allowed: colour'."],
    [{ client_id: "c", audience: MANAGEMENT_AUDIENCE, subject_type: "user" }, "'Only client (machine-to-machine) grants are supported yet' on property subject_type."],
    [{ client_id: "c", audience: MANAGEMENT_AUDIENCE, organization_usage: "require" }, "'organization_usage must be deny or allow: organizations are not supported yet' on property organization_usage."],
    [{ client_id: "c", audience: MANAGEMENT_AUDIENCE, allow_all_scopes: true }, "'allow_all_scopes is not supported yet: list the scopes' on property allow_all_scopes."],
    [{ client_id: "c", audience: MANAGEMENT_AUDIENCE, default_for: "third_party_clients" }, "'Default grants (default_for) are not supported yet' on property default_for."],
    [{ client_id: "c", audience: MANAGEMENT_AUDIENCE, authorization_details_types: ["payment"] }, "'authorization_details_types are not supported yet' on property authorization_details_types."],
    [{ client_id: "c", audience: MANAGEMENT_AUDIENCE, allow_any_organization: "yes" }, "'Expected type boolean but found type string' on property allow_any_organization."],
    [{ client_id: "c d", audience: MANAGEMENT_AUDIENCE }, "'The client_id must not contain whitespace or control characters' on property client_id."],
    [{ client_id: "c", audience: "https://x.example.com/\u0007" }, "'The identifier must not contain whitespace or control characters' on property audience."],
  ])("rejects %j with 400 invalid_body", async (body, message) => {
    const r = await api("POST", "/client-grants", body);
    expect(r).toEqual({ status: 400, body: { statusCode: 400, error: "Bad Request", message: `Payload validation error: ${message}`, errorCode: "invalid_body" } });
  });

  describe("update", () => {
    it("clears with null, keeps what is not given, and validates scopes", async () => {
      const audience = await newApi(["a", "b"]);
      const machine = await newClient();
      const grant = await api("POST", "/client-grants", { client_id: machine.client_id, audience, scope: ["a"], organization_usage: "deny" });
      const both = await api("PATCH", `/client-grants/${grant.body.id}`, { scope: ["a", "b"], allow_any_organization: true });
      expect(both.body).toMatchObject({ scope: ["a", "b"], organization_usage: "deny", allow_any_organization: true });
      const cleared = await api("PATCH", `/client-grants/${grant.body.id}`, { scope: null, organization_usage: null, allow_any_organization: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toEqual({ ...grant.body, scope: [], allow_any_organization: false, organization_usage: undefined });
      expect(cleared.body).not.toHaveProperty("organization_usage");
      const unknown = await api("PATCH", `/client-grants/${grant.body.id}`, { scope: ["c"] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toBe(`The API ${audience} does not define the scope: c.`);
      expect((await api("PATCH", `/client-grants/${grant.body.id}`, {})).status).toBe(200);
    });

    it.each([
      [{ client_id: "other" }, "'Additional properties not allowed: client_id'."],
      [{ audience: "https://other.example.com/" }, "'Additional properties not allowed: audience'."],
      [{ scope: [42] }, "'Expected type string but found type integer' on property scope.0."],
      [{ organization_usage: "require" }, "'organization_usage must be deny or allow: organizations are not supported yet' on property organization_usage."],
    ])("rejects %j with 400", async (body, message) => {
      const audience = await newApi(["a"]);
      const machine = await newClient();
      const grant = await api("POST", "/client-grants", { client_id: machine.client_id, audience, scope: ["a"] });
      const r = await api("PATCH", `/client-grants/${grant.body.id}`, body);
      expect(r).toEqual({ status: 400, body: { statusCode: 400, error: "Bad Request", message: `Payload validation error: ${message}`, errorCode: "invalid_body" } });
    });

    it("an unknown grant: 404", async () => {
      const r = await api("PATCH", "/client-grants/cgr_0000000000000000", { scope: [] });
      expect(r).toEqual({ status: 404, body: { statusCode: 404, error: "Not Found", message: "The client grant does not exist.", errorCode: "inexistent_client_grant" } });
    });
  });

  describe("lists", () => {
    it("answers SDK v7's checkpoint requests (include_totals=true&take=N) with {client_grants, next}", async () => {
      const audience = await newApi(["a"]);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const machine = await newClient();
        ids.push((await api("POST", "/client-grants", { client_id: machine.client_id, audience, scope: ["a"] })).body.id);
      }
      const seen: string[] = [];
      let next: string | undefined;
      let pages = 0;
      do {
        const r = await api("GET", `/client-grants?include_totals=true&take=2&audience=${encodeURIComponent(audience)}${next ? `&from=${encodeURIComponent(next)}` : ""}`);
        expect(r.status).toBe(200);
        expect(Array.isArray(r.body.client_grants)).toBe(true);
        seen.push(...r.body.client_grants.map((g: { id: string }) => g.id));
        next = r.body.next;
        pages++;
      } while (next);
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual(ids.sort());
      expect((await api("GET", "/client-grants?take=2&from=not-a-cursor")).status).toBe(400);
    });

    it("answers offset requests with an envelope (include_totals) or a bare array", async () => {
      const bare = await api("GET", "/client-grants");
      expect(Array.isArray(bare.body)).toBe(true);
      expect(bare.body.some((g: { client_id: string }) => g.client_id === TEST_BOOTSTRAP_CLIENT_ID)).toBe(true);
      const page = await api("GET", "/client-grants?page=0&per_page=1&include_totals=true");
      expect(page.body).toMatchObject({ start: 0, limit: 1, total: expect.any(Number) });
      expect(page.body.client_grants).toHaveLength(1);
      const past = await api("GET", "/client-grants?page=1000&per_page=50&include_totals=true");
      expect(past.body.client_grants).toEqual([]);
    });

    it("filters by audience, client_id, allow_any_organization and subject_type", async () => {
      const audience = await newApi(["a"]);
      const one = await newClient();
      const two = await newClient();
      await api("POST", "/client-grants", { client_id: one.client_id, audience, scope: ["a"], allow_any_organization: true });
      await api("POST", "/client-grants", { client_id: two.client_id, audience, scope: [] });
      await api("POST", "/client-grants", { client_id: one.client_id, audience: MANAGEMENT_AUDIENCE, scope: ["read:logs"] });
      const byAudience = await api("GET", `/client-grants?audience=${encodeURIComponent(audience)}`);
      expect(byAudience.body.map((g: { client_id: string }) => g.client_id).sort()).toEqual([one.client_id, two.client_id].sort());
      const byClient = await api("GET", `/client-grants?client_id=${one.client_id}`);
      expect(byClient.body.map((g: { audience: string }) => g.audience).sort()).toEqual([audience, MANAGEMENT_AUDIENCE].sort());
      const anyOrg = await api("GET", `/client-grants?audience=${encodeURIComponent(audience)}&allow_any_organization=true`);
      expect(anyOrg.body.map((g: { client_id: string }) => g.client_id)).toEqual([one.client_id]);
      expect((await api("GET", `/client-grants?client_id=${one.client_id}&subject_type=client`)).body).toHaveLength(2);
      expect((await api("GET", `/client-grants?client_id=${one.client_id}&subject_type=user`)).body).toEqual([]);
      expect((await api("GET", "/client-grants?default_for=third_party_clients&take=10")).body).toEqual({ client_grants: [] });
    });

    it.each(["per_page=0", "take=0", "take=101", "subject_type=robot", "allow_any_organization=1", "audience=a%00b", "client_id=a%20b"])("rejects ?%s with 400", async (query) => {
      const r = await api("GET", `/client-grants?${query}`);
      expect(r.status).toBe(400);
      expect(r.body.errorCode).toBe("invalid_query_string");
    });
  });

  describe("attacks and mistakes", () => {
    it.each([
      ["GET", "/client-grants", "read:client_grants"],
      ["POST", "/client-grants", "create:client_grants"],
      ["GET", "/client-grants/cgr_0000000000000000", "read:client_grants"],
      ["PATCH", "/client-grants/cgr_0000000000000000", "update:client_grants"],
      ["DELETE", "/client-grants/cgr_0000000000000000", "delete:client_grants"],
    ])("%s %s needs %s (403 otherwise)", async (method, path, scope) => {
      const wrong = await managementToken("read:clients read:resource_servers");
      const r = await api(method, path, method === "POST" || method === "PATCH" ? { scope: [] } : undefined, wrong);
      expect(r).toEqual({ status: 403, body: { statusCode: 403, error: "Forbidden", message: `Insufficient scope, expected any of: ${scope}`, errorCode: "insufficient_scope" } });
      expect((await call(method, `/api/v2${path}`)).status).toBe(401);
    });

    it("answers malformed requests with 4xx, never 5xx", async () => {
      const raw = (method: string, path: string, body: string, contentType: string) =>
        appFetch(`https://${TEST_DOMAIN}/api/v2${path}`, { method, body, headers: { authorization: `Bearer ${token}`, "content-type": contentType } });
      expect((await raw("POST", "/client-grants", "{nope", "application/json")).status).toBe(400);
      expect((await raw("POST", "/client-grants", "[1,2]", "application/json")).status).toBe(400);
      expect((await raw("PATCH", "/client-grants/cgr_0000000000000000", "true", "application/json")).status).toBe(400);
      expect((await api("POST", "/client-grants")).status).toBe(400);
      // NUL cannot be stored by PostgreSQL: refused wherever it hides.
      for (const body of [{ client_id: "c\u0000", audience: MANAGEMENT_AUDIENCE }, { client_id: "c", audience: "a\u0000" }, { client_id: "c", audience: "a", scope: ["a\u0000"] }]) {
        const r = await api("POST", "/client-grants", body);
        expect(r.status).toBe(400);
        expect(r.body.errorCode).toBe("invalid_body");
      }
      const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
      expect((await raw("POST", "/client-grants", `{"client_id":"c","audience":"a","scope":${deep}}`, "application/json")).status).toBe(400);
      expect((await raw("POST", "/client-grants", `{"client_id":"c","audience":"a","extra":${deep}}`, "application/json")).status).toBe(400);
      for (const id of ["%00", "a%20b", "x".repeat(65), "..%2F..%2Fclients"]) {
        const r = await call("GET", `/api/v2/client-grants/${id}`, { token });
        expect(r.status).toBe(400);
      }
      expect((await api("GET", "/client-grants/cgr_doesnotexist0000")).status).toBe(404);
    });
  });

  describe("official SDKs", () => {
    const options = { domain: TEST_DOMAIN, clientId: TEST_BOOTSTRAP_CLIENT_ID, clientSecret: TEST_BOOTSTRAP_CLIENT_SECRET, fetch: appFetch };

    it("v7: create, get, list every checkpoint page, update, delete", async () => {
      const client = new ManagementClientV7(options);
      const audience = await newApi(["a", "b"]);
      const machines = [await newClient(), await newClient(), await newClient()];
      const created = [];
      for (const m of machines) created.push(await client.clientGrants.create({ client_id: m.client_id, audience, scope: ["a"] }));
      expect((await client.clientGrants.get(created[0]!.id!)).audience).toBe(audience);
      const seen: string[] = [];
      for await (const grant of await client.clientGrants.list({ audience, take: 2 })) seen.push(grant.id!);
      expect(seen.sort()).toEqual(created.map((g) => g.id!).sort());
      const updated = await client.clientGrants.update(created[0]!.id!, { scope: ["a", "b"] });
      expect(updated.scope).toEqual(["a", "b"]);
      await client.clientGrants.delete(created[0]!.id!);
      await expect(client.clientGrants.get(created[0]!.id!)).rejects.toMatchObject({ statusCode: 404 });
    });

    it("v4: getAll with totals, create, update, delete", async () => {
      const client = new ManagementClientV4(options);
      const audience = await newApi(["a"]);
      const machine = await newClient();
      const created = await client.clientGrants.create({ client_id: machine.client_id, audience, scope: ["a"] });
      expect(created.status).toBe(201);
      const page = await client.clientGrants.getAll({ audience, include_totals: true, per_page: 10, page: 0 });
      expect(page.data).toMatchObject({ total: 1, client_grants: [{ id: created.data.id }] });
      const updated = await client.clientGrants.update({ id: created.data.id! }, { scope: [] });
      expect(updated.data.scope).toEqual([]);
      await client.clientGrants.delete({ id: created.data.id! });
      expect((await client.clientGrants.getAll({ audience })).data).toEqual([]);
    });
  });
});
