import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { managementToken, MANAGEMENT_AUDIENCE } from "../helpers/tokens.ts";

let token: string;
beforeAll(async () => {
  token = await managementToken();
});

async function api(method: string, path: string, json?: unknown, t = token) {
  const response = await call(method, `/api/v2${path}`, { token: t, json });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe("/api/v2/clients", () => {
  it("creates an application with Auth0's defaults and returns its secret once", async () => {
    const r = await api("POST", "/clients", { name: "My SPA", app_type: "spa", callbacks: ["https://app.example.com/callback"] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: "My SPA",
      app_type: "spa",
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      callbacks: ["https://app.example.com/callback"],
      is_first_party: true,
      jwt_configuration: { alg: "RS256", lifetime_in_seconds: 36000 },
      refresh_token: { rotation_type: "rotating", expiration_type: "expiring" },
    });
    expect(r.body.client_id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(r.body.client_secret).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it("shows secrets only to read:client_keys holders, and logs the read", async () => {
    const created = await api("POST", "/clients", { name: "Secretive" });
    const withKeys = await api("GET", `/clients/${created.body.client_id}`);
    expect(withKeys.body.client_secret).toBe(created.body.client_secret);
    const readOnly = await managementToken("read:clients");
    const without = await api("GET", `/clients/${created.body.client_id}`, undefined, readOnly);
    expect(without.status).toBe(200);
    expect(without.body).not.toHaveProperty("client_secret");
    const list = await api("GET", "/clients?per_page=100", undefined, readOnly);
    expect(list.body.every((c: Record<string, unknown>) => !("client_secret" in c))).toBe(true);

    const { getDb } = await import("../../lib/db/client.ts");
    const reads = await (await getDb()).logEvent.count({ where: { type: "mgmt_api_read" } });
    expect(reads).toBeGreaterThan(0);
  });

  it("stores secrets hashed and encrypted, never in plain text", async () => {
    const created = await api("POST", "/clients", { name: "Hashed" });
    const { getDb } = await import("../../lib/db/client.ts");
    const row = await (await getDb()).client.findUnique({
      where: { client_id: created.body.client_id },
      omit: { client_secret_hash: false, client_secret_encrypted: false },
    });
    expect(JSON.stringify(row)).not.toContain(created.body.client_secret);
    expect(row!.client_secret_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("lists with offset paging envelopes and checkpoint paging", async () => {
    for (let i = 0; i < 3; i++) await api("POST", "/clients", { name: `Paged ${i}` });
    const bare = await api("GET", "/clients");
    expect(Array.isArray(bare.body)).toBe(true);
    const page = await api("GET", "/clients?page=0&per_page=2&include_totals=true");
    expect(page.body).toMatchObject({ start: 0, limit: 2 });
    expect(page.body.clients).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(5);
    const past = await api("GET", "/clients?page=1000&per_page=50&include_totals=true");
    expect(past.body.clients).toEqual([]);

    const seen: string[] = [];
    let next: string | undefined;
    do {
      const r = await api("GET", `/clients?take=2${next ? `&from=${encodeURIComponent(next)}` : ""}`);
      seen.push(...r.body.clients.map((c: { client_id: string }) => c.client_id));
      next = r.body.next;
    } while (next);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(page.body.total);
  });

  it("filters and projects fields", async () => {
    await api("POST", "/clients", { name: "Machine", app_type: "non_interactive" });
    const r = await api("GET", "/clients?app_type=non_interactive&fields=name,app_type&include_fields=true");
    expect(r.body.length).toBeGreaterThan(0);
    for (const c of r.body) expect(Object.keys(c).sort()).toEqual(["app_type", "name"]);
    // Checkpoint paging keeps working when the projection leaves client_id out.
    const named: string[] = [];
    let cursor: string | undefined;
    do {
      const r = await api("GET", `/clients?take=1&fields=name${cursor ? `&from=${encodeURIComponent(cursor)}` : ""}`);
      named.push(...r.body.clients.map((c: { name: string }) => c.name));
      cursor = r.body.next;
    } while (cursor);
    expect(named.length).toBe((await api("GET", "/clients?per_page=100")).body.length);
    const excluded = await api("GET", "/clients?fields=callbacks&include_fields=false");
    expect(excluded.body[0]).not.toHaveProperty("callbacks");
    expect(excluded.body[0]).toHaveProperty("client_id");
  });

  it("updates, keeping unknown-to-Gatehouse Auth0 properties round-tripping", async () => {
    const created = await api("POST", "/clients", { name: "Before", addons: { aws: { principal: "x" } } });
    expect(created.body.addons).toEqual({ aws: { principal: "x" } });
    const r = await api("PATCH", `/clients/${created.body.client_id}`, {
      name: "After",
      callbacks: ["https://a.example/cb"],
      jwt_configuration: { lifetime_in_seconds: 600 },
      custom_login_page_on: false,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: "After", callbacks: ["https://a.example/cb"], jwt_configuration: { alg: "RS256", lifetime_in_seconds: 600 }, addons: { aws: { principal: "x" } }, custom_login_page_on: false });
  });

  it.each([
    [{ name: "x", colour: "blue" }, "Payload validation error: 'Additional properties not allowed: colour'."],
    [{}, "Payload validation error: 'Missing required property: name'."],
    [{ name: 42 }, "Payload validation error: 'Expected type string but found type integer' on property name."],
    [{ name: "x", app_type: "mainframe" }, "Payload validation error: 'No enum match for: \"mainframe\"' on property app_type."],
    [{ name: "x", callbacks: "https://a" }, "Payload validation error: 'Expected type array but found type string' on property callbacks."],
    [{ name: "x", grant_types: ["telepathy"] }, "Payload validation error: 'No enum match for: \"telepathy\"' on property grant_types.0."],
    [{ name: "x", require_pushed_authorization_requests: true }, "Payload validation error: 'Pushed authorization requests are not supported yet' on property require_pushed_authorization_requests."],
  ])("rejects %j with 400 invalid_body", async (body, message) => {
    const r = await api("POST", "/clients", body);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ statusCode: 400, error: "Bad Request", message, errorCode: "invalid_body" });
  });

  it("answers malformed requests with 4xx, never 5xx", async () => {
    const badJson = await call("POST", "/api/v2/clients", { token, headers: { "content-type": "application/json" }, json: undefined });
    expect(badJson.status).toBe(400);
    const response = await fetchRaw("POST", "/api/v2/clients", "{not json", "application/json");
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe("Invalid request payload JSON format");
    const big = await fetchRaw("POST", "/api/v2/clients", JSON.stringify({ name: "x".repeat(1_100_000) }), "application/json");
    expect(big.status).toBe(413);
    const wrongType = await fetchRaw("POST", "/api/v2/clients", "<x/>", "application/xml");
    expect(wrongType.status).toBe(415);
    const badQuery = await api("GET", "/clients?per_page=1000");
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errorCode).toBe("invalid_query_string");
    const badPage = await api("GET", "/clients?page=-1");
    expect(badPage.status).toBe(400);
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i++) deep = [deep];
    const tooDeep = await api("POST", "/clients", { name: "deep", addons: { a: deep } });
    expect(tooDeep.status).toBe(400);
    // NUL cannot be stored in PostgreSQL text: refused everywhere instead of a 500.
    expect((await api("GET", "/clients/%00")).status).toBe(400);
    expect((await api("GET", "/clients?app_type=%00")).status).toBe(400);
    expect((await api("POST", "/clients", { name: "nul\u0000byte" })).status).toBe(400);
  });

  it("changing client_secret needs update:client_keys", async () => {
    const created = await api("POST", "/clients", { name: "Keyed" });
    const limited = await managementToken("update:clients read:clients");
    const r = await api("PATCH", `/clients/${created.body.client_id}`, { client_secret: "s".repeat(40) }, limited);
    expect(r.status).toBe(403);
    expect(r.body.errorCode).toBe("insufficient_scope");
  });

  it("rotates the secret: the old one stops working, the new one works", async () => {
    const created = await api("POST", "/clients", { name: "Rotating", app_type: "non_interactive" });
    await api("POST", "/client-grants", { client_id: created.body.client_id, audience: MANAGEMENT_AUDIENCE, scope: ["read:clients"] });
    const form = (secret: string) => ({ grant_type: "client_credentials", client_id: created.body.client_id, client_secret: secret, audience: MANAGEMENT_AUDIENCE });
    const rotated = await api("POST", `/clients/${created.body.client_id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.client_secret).not.toBe(created.body.client_secret);
    expect((await call("POST", "/oauth/token", { form: form(created.body.client_secret) })).status).toBe(401);
    expect((await call("POST", "/oauth/token", { form: form(rotated.body.client_secret) })).status).toBe(200);
  });

  it("deletes, then 404", async () => {
    const created = await api("POST", "/clients", { name: "Doomed" });
    const r = await api("DELETE", `/clients/${created.body.client_id}`);
    expect(r.status).toBe(204);
    expect(r.body).toBeUndefined();
    const gone = await api("GET", `/clients/${created.body.client_id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.statusCode).toBe(404);
  });

  it("logs writes as sapi and failed writes as fapi, without secrets", async () => {
    const created = await api("POST", "/clients", { name: "Audited" });
    await api("POST", "/clients", { name: "Audited", bogus: true });
    const { getDb } = await import("../../lib/db/client.ts");
    const events = await (await getDb()).logEvent.findMany({ where: { type: { in: ["sapi", "fapi"] } }, orderBy: { log_id: "asc" } });
    const sapi = events.find((e) => e.type === "sapi" && JSON.stringify(e.details).includes(created.body.client_id));
    expect(sapi).toBeDefined();
    expect(JSON.stringify(sapi!.details)).not.toContain(created.body.client_secret);
    expect(events.some((e) => e.type === "fapi" && e.description?.includes("bogus"))).toBe(true);
  });
});

async function fetchRaw(method: string, path: string, body: string, contentType: string) {
  const { appFetch } = await import("../helpers/app.ts");
  return appFetch(`https://gatehouse.test${path}`, { method, body, headers: { authorization: `Bearer ${token}`, "content-type": contentType } });
}

describe("Gatehouse's own dashboard application (is_system)", () => {
  it("can be read, but not changed, given a new secret or deleted through the API", async () => {
    const read = await api("GET", "/clients/gatehouse-dashboard");
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ client_id: "gatehouse-dashboard", is_system: true });
    for (const [method, path, body, message] of [
      ["PATCH", "/clients/gatehouse-dashboard", { callbacks: ["https://evil.example/callback"] }, "managed by Gatehouse and cannot be changed"],
      ["PATCH", "/clients/gatehouse-dashboard", { client_secret: "a".repeat(64) }, "managed by Gatehouse and cannot be changed"],
      ["POST", "/clients/gatehouse-dashboard/rotate-secret", undefined, "managed by Gatehouse and cannot be changed"],
      ["DELETE", "/clients/gatehouse-dashboard", undefined, "managed by Gatehouse and cannot be deleted"],
    ] as const) {
      const r = await api(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(400);
      expect(r.body).toMatchObject({ errorCode: "operation_not_supported" });
      expect(r.body.message).toContain(message);
    }
    expect((await api("GET", "/clients/gatehouse-dashboard")).body.callbacks).toEqual(read.body.callbacks);
  });
});
