// /api/v2/connections, /connections/{id}/clients and /clients/{id}/connections
// (auth0-config-endpoints.md §4): CRUD, both paging modes, filters, projection, enabled clients in
// both directions, the operators' connection's protections, validation, and deletion with users.
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { managementToken } from "../helpers/tokens.ts";

let token: string;
beforeAll(async () => {
  token = await managementToken();
});

/** A JSON object as read from a response: the shapes under test are asserted, not typed. */
type Body = ReturnType<typeof JSON.parse>;

async function api(method: string, path: string, json?: unknown, t = token): Promise<{ status: number; body: Body }> {
  const response = await call(method, `/api/v2${path}`, { token: t, json });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function raw(method: string, path: string, body: string, contentType = "application/json") {
  const { appFetch } = await import("../helpers/app.ts");
  const response = await appFetch(`https://gatehouse.test/api/v2${path}`, {
    method,
    body,
    headers: { authorization: `Bearer ${token}`, "content-type": contentType },
  });
  return { status: response.status, body: (await response.json()) as Body };
}

const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

async function createConnection(extra: Record<string, unknown> = {}): Promise<Body> {
  const r = await api("POST", "/connections", { name: unique("conn"), strategy: "auth0", ...extra });
  expect(r.status).toBe(201);
  return r.body;
}

async function createClient(name = unique("app")): Promise<string> {
  const r = await api("POST", "/clients", { name });
  expect(r.status).toBe(201);
  return r.body.client_id as string;
}

async function db() {
  const { getDb } = await import("../../lib/db/client.ts");
  return getDb();
}

async function systemConnection(): Promise<Body> {
  const r = await api("GET", "/connections?name=gatehouse-operators");
  expect(r.status).toBe(200);
  return (r.body as Body[])[0]!;
}

async function enabledClientIds(connectionId: string): Promise<string[]> {
  const r = await api("GET", `/connections/${connectionId}/clients?take=1000`);
  expect(r.status).toBe(200);
  return (r.body.clients as { client_id: string }[]).map((c) => c.client_id);
}

async function connectionIdsOfClient(clientId: string): Promise<string[]> {
  const r = await api("GET", `/clients/${clientId}/connections?take=100`);
  expect(r.status).toBe(200);
  return (r.body.connections as Body[]).map((c) => c.id as string);
}

describe("POST /connections", () => {
  it("creates a database connection with Gatehouse's defaults, enabled for no application", async () => {
    const name = unique("db");
    const r = await api("POST", "/connections", { name, strategy: "auth0" });
    expect(r.status).toBe(201);
    expect(r.body.id).toMatch(/^con_[A-Za-z0-9]{16}$/);
    expect(r.body).toMatchObject({
      name,
      display_name: name,
      strategy: "auth0",
      realms: [name],
      is_domain_connection: false,
      metadata: {},
      enabled_clients: [],
      options: { passwordPolicy: "good", password_complexity_options: { min_length: 8 }, brute_force_protection: true, disable_signup: false },
    });
    expect(r.body).not.toHaveProperty("show_as_button");
    expect(r.body).not.toHaveProperty("is_system");
    expect(await enabledClientIds(r.body.id)).toEqual([]);
  });

  it("stores what it is given: options over the defaults, display name, realms, metadata, enabled_clients", async () => {
    const clientA = await createClient();
    const clientB = await createClient();
    const name = unique("full");
    const r = await api("POST", "/connections", {
      name,
      display_name: "Customers",
      strategy: "auth0",
      options: { passwordPolicy: "excellent", requires_username: true, validation: { username: { min: 3, max: 20 } }, mfa: { active: true } },
      enabled_clients: [clientB, clientA, clientA],
      show_as_button: true,
      is_domain_connection: true,
      realms: ["customers.example"],
      metadata: { team: "identity", gone: null },
      authentication: { active: true },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      display_name: "Customers",
      realms: ["customers.example"],
      show_as_button: true,
      is_domain_connection: true,
      metadata: { team: "identity" },
      enabled_clients: [clientA, clientB].sort(),
      options: { passwordPolicy: "excellent", requires_username: true, validation: { username: { min: 3, max: 20 } }, mfa: { active: true }, brute_force_protection: true },
    });
    const fetched = await api("GET", `/connections/${r.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(r.body);
  });

  it("refuses a duplicate name with 409", async () => {
    const created = await createConnection();
    const r = await api("POST", "/connections", { name: created.name, strategy: "auth0" });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ statusCode: 409, error: "Conflict", message: "A connection with the same name already exists" });
  });

  const clean = { strategy: "auth0" };
  it.each<[string, Record<string, unknown>, string]>([
    ["a leading hyphen", { ...clean, name: "-abc" }, "A connection name may contain only letters, digits and hyphens, and must start and end with a letter or digit"],
    ["a trailing hyphen", { ...clean, name: "abc-" }, "A connection name may contain only letters"],
    ["a space", { ...clean, name: "a b" }, "A connection name may contain only letters"],
    ["an underscore", { ...clean, name: "a_b" }, "A connection name may contain only letters"],
    ["an empty name", { ...clean, name: "" }, "String is too short (0 chars), minimum 1"],
    ["a 129-character name", { ...clean, name: "a".repeat(129) }, "String is too long (129 chars), maximum 128"],
    ["a numeric name", { ...clean, name: 42 }, "Expected type string but found type integer"],
    ["no name", { ...clean }, "Missing required property: name"],
    ["no strategy", { name: "x1" }, "Missing required property: strategy"],
    ["an unknown strategy", { name: "x1", strategy: "mainframe" }, 'No enum match for: "mainframe"'],
    ["a social strategy", { name: "x1", strategy: "google-oauth2", options: { client_id: "a", client_secret: "b" } }, "Strategy google-oauth2 is not supported yet"],
    ["an enterprise strategy", { name: "x1", strategy: "samlp" }, "Strategy samlp is not supported yet"],
    ["an unknown property", { ...clean, name: "x1", colour: "blue" }, "Additional properties not allowed: colour"],
    ["a long display name", { ...clean, name: "x1", display_name: "d".repeat(129) }, "String is too long (129 chars), maximum 128"],
    ["options that are not an object", { ...clean, name: "x1", options: "strong" }, "Expected type object but found type string"],
    ["options that are an array", { ...clean, name: "x1", options: [] }, "Expected type object but found type array"],
    ["an unknown password policy", { ...clean, name: "x1", options: { passwordPolicy: "strong" } }, 'No enum match for: "strong"'],
    ["min_length 0", { ...clean, name: "x1", options: { password_complexity_options: { min_length: 0 } } }, "Value 0 is less than minimum 1"],
    ["min_length 129", { ...clean, name: "x1", options: { password_complexity_options: { min_length: 129 } } }, "Value 129 is greater than maximum 128"],
    ["min_length beyond bcrypt's 72 bytes", { ...clean, name: "x1", options: { password_complexity_options: { min_length: 100 } } }, "min_length cannot exceed 72"],
    ["password history of 25", { ...clean, name: "x1", options: { password_history: { enable: true, size: 25 } } }, "Value 25 is greater than maximum 24"],
    ["password history without enable", { ...clean, name: "x1", options: { password_history: { size: 5 } } }, "Missing required property: enable"],
    ["a 201-word dictionary", { ...clean, name: "x1", options: { password_dictionary: { enable: true, dictionary: Array.from({ length: 201 }, (_, i) => `w${i}`) } } }, "Array is too long (201), maximum 200"],
    ["a 51-character dictionary word", { ...clean, name: "x1", options: { password_dictionary: { enable: true, dictionary: ["w".repeat(51)] } } }, "String is too long (51 chars), maximum 50"],
    ["username min above max", { ...clean, name: "x1", options: { validation: { username: { min: 10, max: 5 } } } }, "validation.username.min must not be greater than validation.username.max"],
    ["username max 129", { ...clean, name: "x1", options: { validation: { username: { min: 1, max: 129 } } } }, "Value 129 is greater than maximum 128"],
    ["a non-boolean requires_username", { ...clean, name: "x1", options: { requires_username: "yes" } }, "Expected type boolean but found type string"],
    ["custom database", { ...clean, name: "x1", options: { enabledDatabaseCustomization: true } }, "Custom databases (enabledDatabaseCustomization) are not supported yet"],
    ["custom scripts", { ...clean, name: "x1", options: { customScripts: { login: "function login(u, p, cb) { cb(null) }" } } }, "Custom database scripts (customScripts) are not supported yet"],
    ["script configuration secrets", { ...clean, name: "x1", options: { configuration: { DB_PASSWORD: "hunter2" } } }, "configuration (secrets for custom database scripts) is not supported yet"],
    ["an unknown precedence", { ...clean, name: "x1", options: { precedence: ["fax"] } }, 'No enum match for: "fax"'],
    ["11 metadata keys", { ...clean, name: "x1", metadata: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"])) }, "metadata can have at most 10 properties"],
    ["a 256-character metadata value", { ...clean, name: "x1", metadata: { k: "v".repeat(256) } }, "String is too long (256 chars), maximum 255"],
    ["a numeric metadata value", { ...clean, name: "x1", metadata: { k: 1 } }, "Expected type string but found type integer"],
    ["realms that are not an array", { ...clean, name: "x1", realms: "x" }, "Expected type array but found type string"],
    ["authentication turned off", { ...clean, name: "x1", authentication: { active: false } }, "A connection not used for authentication is not supported yet"],
    ["connected accounts", { ...clean, name: "x1", connected_accounts: { active: true } }, "Connected accounts are not supported yet"],
  ])("rejects %s with 400", async (_label, body, message) => {
    const r = await api("POST", "/connections", body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ statusCode: 400, error: "Bad Request", errorCode: "invalid_body" });
    expect(r.body.message).toContain(message);
  });

  it("rejects an unknown client in enabled_clients, creating nothing", async () => {
    const name = unique("ghost");
    const r = await api("POST", "/connections", { name, strategy: "auth0", enabled_clients: ["no-such-client"] });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ message: "The client does not exist: no-such-client", errorCode: "inexistent_client" });
    expect((await api("GET", `/connections?name=${name}`)).body).toEqual([]);
  });
});

describe("GET /connections", () => {
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) await createConnection();
  });

  it("offset paging: a bare array, the include_totals envelope, empty pages past the end", async () => {
    const bare = await api("GET", "/connections");
    expect(Array.isArray(bare.body)).toBe(true);
    expect((bare.body as Body[]).length).toBeGreaterThanOrEqual(5);
    for (const c of bare.body as Body[]) expect(c).not.toHaveProperty("enabled_clients");

    const page = await api("GET", "/connections?page=0&per_page=2&include_totals=true");
    expect(page.body).toMatchObject({ start: 0, limit: 2 });
    expect(page.body.connections).toHaveLength(2);
    expect(page.body.total).toBe((bare.body as Body[]).length);
    const second = await api("GET", "/connections?page=1&per_page=2&include_totals=true");
    expect(second.body.start).toBe(2);
    expect(second.body.connections[0].id).not.toBe(page.body.connections[0].id);

    const past = await api("GET", "/connections?page=1000&per_page=50&include_totals=true");
    expect(past.body.connections).toEqual([]);
    expect((await api("GET", "/connections?page=1000&per_page=50")).body).toEqual([]);
  });

  it("checkpoint paging as SDK v7 asks for it (include_totals=true&take=N), then from=next", async () => {
    const total = ((await api("GET", "/connections")).body as Body[]).length;
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const r = await api("GET", `/connections?include_totals=true&take=2${next ? `&from=${encodeURIComponent(next)}` : ""}`);
      expect(r.status).toBe(200);
      expect(Array.isArray(r.body)).toBe(false);
      expect(r.body).not.toHaveProperty("total");
      for (const c of r.body.connections as Body[]) expect(c).not.toHaveProperty("enabled_clients");
      seen.push(...(r.body.connections as Body[]).map((c) => c.id as string));
      next = r.body.next;
      pages++;
    } while (next && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
  });

  it("filters by strategy (repeated) and name", async () => {
    const created = await createConnection();
    const both = await api("GET", "/connections?strategy=auth0&strategy=google-oauth2");
    expect((both.body as Body[]).some((c) => c.id === created.id)).toBe(true);
    expect((both.body as Body[]).every((c) => c.strategy === "auth0")).toBe(true);
    expect((await api("GET", "/connections?strategy=google-oauth2")).body).toEqual([]);
    const byName = await api("GET", `/connections?name=${created.name}`);
    expect((byName.body as Body[]).map((c) => c.id)).toEqual([created.id]);
    expect((await api("GET", "/connections?name=no-such-connection")).body).toEqual([]);
    expect((await api("GET", "/connections?take=10&domain_alias=example.com")).body).toEqual({ connections: [] });
  });

  it("projects fields, keeping checkpoint cursors working without the id", async () => {
    const included = await api("GET", "/connections?fields=name,strategy&include_fields=true");
    for (const c of included.body as Body[]) expect(Object.keys(c).sort()).toEqual(["name", "strategy"]);
    const excluded = await api("GET", "/connections?fields=options,metadata&include_fields=false");
    expect((excluded.body as Body[])[0]).not.toHaveProperty("options");
    expect((excluded.body as Body[])[0]).toHaveProperty("id");

    const firstPage = await api("GET", "/connections?take=1&fields=name");
    expect(Object.keys(firstPage.body.connections[0])).toEqual(["name"]);
    expect(typeof firstPage.body.next).toBe("string");
    const secondPage = await api("GET", `/connections?take=1&fields=name&from=${encodeURIComponent(firstPage.body.next)}`);
    expect(secondPage.body.connections[0].name).not.toBe(firstPage.body.connections[0].name);
  });

  it.each([
    ["per_page=1000", "per_page"],
    ["per_page=0", "per_page"],
    ["page=-1", "page"],
    ["take=0", "take"],
    ["take=101", "take"],
    ["take=ten", "take"],
    ["include_totals=maybe", "include_totals"],
    ["from=not-a-cursor", "from"],
    ["strategy=mainframe", "strategy"],
    ["include_fields=1", "include_fields"],
  ])("rejects the query %s with 400 invalid_query_string", async (query, property) => {
    const r = await api("GET", `/connections?${query}`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ statusCode: 400, errorCode: "invalid_query_string" });
    expect(r.body.message).toContain(property);
  });
});

describe("GET and PATCH /connections/{id}", () => {
  it("gets one connection with enabled_clients and projection", async () => {
    const client = await createClient();
    const created = await createConnection({ enabled_clients: [client] });
    const r = await api("GET", `/connections/${created.id}?fields=enabled_clients,name`);
    expect(r.body).toEqual({ name: created.name, enabled_clients: [client] });
  });

  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    const missing = await api("GET", "/connections/con_AAAAAAAAAAAAAAAA");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ statusCode: 404, error: "Not Found", message: "The connection does not exist", errorCode: "inexistent_connection" });
    for (const id of ["nope", "con_short", "con_AAAAAAAAAAAAAAAA%2F..", "con_AAAAAAAAAAAAAAA%C3%A9"]) {
      const r = await api("GET", `/connections/${id}`);
      expect(r.status).toBe(400);
      expect(r.body.errorCode).toBe("invalid_uri");
    }
    expect((await api("PATCH", "/connections/con_AAAAAAAAAAAAAAAA", { show_as_button: true })).status).toBe(404);
    expect((await api("DELETE", "/connections/con_AAAAAAAAAAAAAAAA")).status).toBe(404);
  });

  it("replaces options as a whole, as Auth0 does", async () => {
    const created = await createConnection({ options: { passwordPolicy: "fair", password_history: { enable: true, size: 10 } } });
    const r = await api("PATCH", `/connections/${created.id}`, { options: { passwordPolicy: "low", brute_force_protection: true } });
    expect(r.status).toBe(200);
    expect(r.body.options).toEqual({ passwordPolicy: "low", brute_force_protection: true });
    const untouched = await api("PATCH", `/connections/${created.id}`, { show_as_button: false });
    expect(untouched.body.options).toEqual({ passwordPolicy: "low", brute_force_protection: true });
    expect(untouched.body.show_as_button).toBe(false);
    const reset = await api("PATCH", `/connections/${created.id}`, { options: null });
    expect(reset.body.options).toMatchObject({ passwordPolicy: "good", brute_force_protection: true, disable_signup: false });
  });

  it("resets an omitted display_name to the name (Auth0's documented PATCH behaviour)", async () => {
    const created = await createConnection({ display_name: "Pretty" });
    expect(created.display_name).toBe("Pretty");
    const kept = await api("PATCH", `/connections/${created.id}`, { display_name: "Prettier" });
    expect(kept.body.display_name).toBe("Prettier");
    const reset = await api("PATCH", `/connections/${created.id}`, { is_domain_connection: false });
    expect(reset.body.display_name).toBe(created.name);
  });

  it("merges metadata key by key (null deletes) and keeps at most 10 keys", async () => {
    const created = await createConnection({ metadata: { a: "1", b: "2" } });
    const r = await api("PATCH", `/connections/${created.id}`, { metadata: { b: null, c: "3" } });
    expect(r.body.metadata).toEqual({ a: "1", c: "3" });
    const tooMany = await api("PATCH", `/connections/${created.id}`, { metadata: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, "v"])) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain("metadata can have at most 10 properties");
    expect((await api("GET", `/connections/${created.id}`)).body.metadata).toEqual({ a: "1", c: "3" });
  });

  it("replaces realms (empty means the name) and enabled_clients (null leaves them)", async () => {
    const a = await createClient();
    const b = await createClient();
    const created = await createConnection({ enabled_clients: [a] });
    const r = await api("PATCH", `/connections/${created.id}`, { realms: ["x.example", "y.example"], enabled_clients: [b] });
    expect(r.body).toMatchObject({ realms: ["x.example", "y.example"], enabled_clients: [b] });
    const kept = await api("PATCH", `/connections/${created.id}`, { realms: [], enabled_clients: null });
    expect(kept.body).toMatchObject({ realms: [created.name], enabled_clients: [b] });
    expect(await connectionIdsOfClient(b)).toContain(created.id);
    expect(await connectionIdsOfClient(a)).not.toContain(created.id);
    const unknown = await api("PATCH", `/connections/${created.id}`, { enabled_clients: [a, "no-such-client"] });
    expect(unknown.status).toBe(400);
    expect(await enabledClientIds(created.id)).toEqual([b]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["name", { name: "renamed" }, "Additional properties not allowed: name"],
    ["strategy", { strategy: "google-oauth2" }, "Additional properties not allowed: strategy"],
    ["custom scripts", { options: { enabledDatabaseCustomization: true } }, "Custom databases (enabledDatabaseCustomization) are not supported yet"],
    ["script configuration", { options: { configuration: { secret: "x" } } }, "configuration (secrets for custom database scripts) is not supported yet"],
    ["a bad policy", { options: { passwordPolicy: 3 } }, "No enum match for: 3"],
    ["options as a string", { options: "x" }, "Expected type object but found type string"],
    ["enabled_clients as a string", { enabled_clients: "x" }, "Expected type array but found type string"],
    ["metadata as an array", { metadata: ["x"] }, "but found type array' on property metadata"],
  ])("rejects a PATCH of %s with 400", async (_label, body, message) => {
    const created = await createConnection();
    const r = await api("PATCH", `/connections/${created.id}`, body);
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("invalid_body");
    expect(r.body.message).toContain(message);
    expect((await api("GET", `/connections/${created.id}`)).body.name).toBe(created.name);
  });
});

describe("enabled clients: /connections/{id}/clients and /clients/{id}/connections", () => {
  it("enables and disables per application, consistently in both directions", async () => {
    const a = await createClient();
    const b = await createClient();
    const c = await createClient();
    const conn = await createConnection();
    expect(await enabledClientIds(conn.id)).toEqual([]);

    const enable = await call("PATCH", `/api/v2/connections/${conn.id}/clients`, {
      token,
      json: [{ client_id: a, status: true }, { client_id: b, status: true }],
    });
    expect(enable.status).toBe(204);
    expect(await enable.text()).toBe("");
    expect(await enabledClientIds(conn.id)).toEqual([a, b].sort());
    expect(await connectionIdsOfClient(a)).toContain(conn.id);
    expect(await connectionIdsOfClient(c)).not.toContain(conn.id);
    expect((await api("GET", `/connections/${conn.id}`)).body.enabled_clients).toEqual([a, b].sort());

    // Idempotent, and entries not listed are left alone.
    const mixed = await api("PATCH", `/connections/${conn.id}/clients`, [{ client_id: a, status: true }, { client_id: b, status: false }, { client_id: c, status: false }]);
    expect(mixed.status).toBe(204);
    expect(await enabledClientIds(conn.id)).toEqual([a]);
    expect(await connectionIdsOfClient(b)).not.toContain(conn.id);

    const viaClient = await api("GET", `/clients/${a}/connections`);
    const entry = (viaClient.body.connections as Body[]).find((x) => x.id === conn.id)!;
    expect(entry).toMatchObject({ id: conn.id, name: conn.name, strategy: "auth0" });
    expect(entry).not.toHaveProperty("enabled_clients");
  });

  it("a new application is enabled on existing non-system connections (enable_client_connections)", async () => {
    const conn = await createConnection();
    const operators = await systemConnection();
    const client = await createClient();
    expect(await enabledClientIds(conn.id)).toContain(client);
    const ofClient = await connectionIdsOfClient(client);
    expect(ofClient).toContain(conn.id);
    expect(ofClient).not.toContain(operators.id);
  });

  it("pages the enabled clients with checkpoints", async () => {
    const ids = [await createClient(), await createClient(), await createClient()];
    const conn = await createConnection({ enabled_clients: ids });
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const r = await api("GET", `/connections/${conn.id}/clients?take=2${next ? `&from=${encodeURIComponent(next)}` : ""}`);
      expect(r.status).toBe(200);
      expect((r.body.clients as Body[]).every((x) => Object.keys(x).join() === "client_id")).toBe(true);
      seen.push(...(r.body.clients as Body[]).map((x) => x.client_id as string));
      next = r.body.next;
    } while (next);
    expect(seen).toEqual([...ids].sort());
    expect((await api("GET", `/connections/${conn.id}/clients?take=1000`)).status).toBe(200);
    expect((await api("GET", `/connections/${conn.id}/clients?take=1001`)).status).toBe(400);
  });

  it("filters, projects and pages /clients/{id}/connections", async () => {
    const client = await createClient();
    const mine = [await createConnection({ enabled_clients: [client] }), await createConnection({ enabled_clients: [client] })];
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const r = await api("GET", `/clients/${client}/connections?take=1&fields=name${next ? `&from=${encodeURIComponent(next)}` : ""}`);
      expect(r.status).toBe(200);
      for (const x of r.body.connections as Body[]) expect(Object.keys(x)).toEqual(["name"]);
      seen.push(...(r.body.connections as Body[]).map((x) => x.name as string));
      next = r.body.next;
    } while (next);
    for (const c of mine) expect(seen).toContain(c.name);
    expect((await api("GET", `/clients/${client}/connections?strategy=google-oauth2`)).body).toEqual({ connections: [] });
    const missing = await api("GET", "/clients/no-such-client/connections");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ errorCode: "inexistent_client" });
  });

  it.each<[string, unknown, number, string]>([
    ["an unknown client", [{ client_id: "no-such-client", status: true }], 400, "The client does not exist: no-such-client"],
    ["an empty array", [], 400, "Array is too short (0), minimum 1"],
    ["51 entries", Array.from({ length: 51 }, (_, i) => ({ client_id: `c${i}`, status: true })), 400, "Array is too long (51), maximum 50"],
    ["an object instead of an array", { client_id: "x", status: true }, 400, "Expected type array but found type object"],
    ["a missing status", [{ client_id: "x" }], 400, "Missing required property: status"],
    ["a string status", [{ client_id: "x", status: "true" }], 400, "Expected type boolean but found type string"],
    ["an extra property", [{ client_id: "x", status: true, scope: "all" }], 400, "Additional properties not allowed: scope"],
  ])("PATCH /connections/{id}/clients rejects %s", async (_label, body, status, message) => {
    const known = await createClient();
    const conn = await createConnection({ enabled_clients: [known] });
    const r = await api("PATCH", `/connections/${conn.id}/clients`, body);
    expect(r.status).toBe(status);
    expect(r.body.message).toContain(message);
    expect(await enabledClientIds(conn.id)).toEqual([known]);
  });

  it("refuses a client listed twice, and an unknown one next to a known one, changing nothing", async () => {
    const a = await createClient();
    const conn = await createConnection();
    const twice = await api("PATCH", `/connections/${conn.id}/clients`, [{ client_id: a, status: true }, { client_id: a, status: false }]);
    expect(twice.status).toBe(400);
    const partlyUnknown = await api("PATCH", `/connections/${conn.id}/clients`, [{ client_id: a, status: true }, { client_id: "ghost", status: true }]);
    expect(partlyUnknown.status).toBe(400);
    expect(await enabledClientIds(conn.id)).toEqual([]);
    expect((await api("PATCH", "/connections/con_AAAAAAAAAAAAAAAA/clients", [{ client_id: a, status: true }])).status).toBe(404);
    expect((await api("GET", "/connections/con_AAAAAAAAAAAAAAAA/clients")).status).toBe(404);
  });
});

describe("the operators' connection (gatehouse-operators)", () => {
  it("can be read", async () => {
    const operators = await systemConnection();
    expect(operators).toMatchObject({ name: "gatehouse-operators", strategy: "auth0", is_system: true, options: { disable_signup: true } });
    const one = await api("GET", `/connections/${operators.id}`);
    expect(one.status).toBe(200);
    // Enabled for Gatehouse's own dashboard only (lib/dashboard/dashboard-client.ts), by Gatehouse.
    expect(one.body.enabled_clients).toEqual(["gatehouse-dashboard"]);
  });

  it("keeps disable_signup on, stays off domain level, and is enabled for no application", async () => {
    const operators = await systemConnection();
    const client = await createClient();
    const cases: [string, string, unknown, string][] = [
      ["PATCH", `/connections/${operators.id}`, { options: { ...operators.options, disable_signup: false } }, "must keep options.disable_signup set to true"],
      ["PATCH", `/connections/${operators.id}`, { options: { passwordPolicy: "excellent" } }, "must keep options.disable_signup set to true"],
      ["PATCH", `/connections/${operators.id}`, { options: null }, "must keep options.disable_signup set to true"],
      ["PATCH", `/connections/${operators.id}`, { is_domain_connection: true }, "cannot be a domain connection"],
      ["PATCH", `/connections/${operators.id}`, { enabled_clients: [client] }, "cannot be enabled for applications"],
      ["PATCH", `/connections/${operators.id}/clients`, [{ client_id: client, status: true }], "cannot be enabled for applications"],
      // Taking it away from the dashboard would lock every operator out.
      ["PATCH", `/connections/${operators.id}`, { enabled_clients: [] }, "cannot be disabled for Gatehouse's own dashboard"],
      ["PATCH", `/connections/${operators.id}/clients`, [{ client_id: "gatehouse-dashboard", status: false }], "cannot be disabled for Gatehouse's own dashboard"],
      ["PATCH", `/connections/${operators.id}`, { name: "renamed" }, "Additional properties not allowed: name"],
      ["DELETE", `/connections/${operators.id}`, undefined, "managed by Gatehouse and cannot be deleted"],
    ];
    for (const [method, path, body, message] of cases) {
      const r = await api(method, path, body);
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(r.body.message).toContain(message);
    }
    const del = await api("DELETE", `/connections/${operators.id}`);
    expect(del.body.errorCode).toBe("operation_not_supported");
    const after = await api("GET", `/connections/${operators.id}`);
    expect(after.body).toMatchObject({ name: "gatehouse-operators", is_domain_connection: false, enabled_clients: ["gatehouse-dashboard"], options: { disable_signup: true } });
    expect(await connectionIdsOfClient(client)).not.toContain(operators.id);
  });

  it("accepts option changes that keep signup disabled, and disabling for an application", async () => {
    const operators = await systemConnection();
    const client = await createClient();
    const r = await api("PATCH", `/connections/${operators.id}`, {
      display_name: operators.display_name,
      options: { ...operators.options, passwordPolicy: "excellent", disable_signup: true },
    });
    expect(r.status).toBe(200);
    expect(r.body.options).toMatchObject({ passwordPolicy: "excellent", disable_signup: true });
    const disable = await api("PATCH", `/connections/${operators.id}/clients`, [{ client_id: client, status: false }]);
    expect(disable.status).toBe(204);
  });
});

describe("DELETE /connections/{id}", () => {
  it("deletes an empty connection, then 404, and the link rows go too", async () => {
    const client = await createClient();
    const conn = await createConnection({ enabled_clients: [client] });
    const r = await api("DELETE", `/connections/${conn.id}`);
    expect(r.status).toBe(204);
    expect(r.body).toBeUndefined();
    expect((await api("GET", `/connections/${conn.id}`)).status).toBe(404);
    expect(await connectionIdsOfClient(client)).not.toContain(conn.id);
    expect((await api("DELETE", `/connections/${conn.id}`)).status).toBe(404);
  });

  it("deletes the connection's users with their identities, passwords, roles and history (Auth0's behaviour)", async () => {
    const database = await db();
    const { createDatabaseUser } = await import("../../lib/services/users/create-database-user.ts");
    const { newInternalId } = await import("../../lib/crypto/ids.ts");
    const conn = await createConnection({ options: { passwordPolicy: "low" } });
    const other = await createConnection({ options: { passwordPolicy: "low" } });
    const row = (await database.connection.findUnique({ where: { id: conn.id } }))!;
    const otherRow = (await database.connection.findUnique({ where: { id: other.id } }))!;

    const users = [];
    for (let i = 0; i < 3; i++) users.push(await createDatabaseUser(database, row, { email: `${unique("u")}@example.com`, password: "correct horse" }));
    const survivor = await createDatabaseUser(database, otherRow, { email: `${unique("s")}@example.com`, password: "correct horse" });
    const role = await database.role.create({ data: { id: `rol_${newInternalId().slice(0, 16)}`, name: unique("role") } });
    await database.userRole.create({ data: { user_id: users[0]!.user_id, role_id: role.id } });
    await database.passwordHistory.create({ data: { id: newInternalId(), user_id: users[1]!.user_id, hash: "$2b$04$history" } });
    await database.ticket.create({
      data: { id: newInternalId(), kind: "password_change", token_hash: newInternalId(), user_id: users[2]!.user_id, data: {}, expires_at: new Date(Date.now() + 60_000) },
    });
    // An identity of the doomed connection linked into a user of the other connection.
    await database.userIdentity.create({
      data: { id: newInternalId(), user_id: survivor.user_id, connection_id: conn.id, provider: "auth0", provider_user_id: "linked-1" },
    });

    const r = await api("DELETE", `/connections/${conn.id}`);
    expect(r.status).toBe(204);

    const ids = users.map((u) => u.user_id);
    expect(await database.user.count({ where: { user_id: { in: ids } } })).toBe(0);
    expect(await database.userIdentity.count({ where: { OR: [{ user_id: { in: ids } }, { connection_id: conn.id }] } })).toBe(0);
    expect(await database.userPassword.count({ where: { user_id: { in: ids } } })).toBe(0);
    expect(await database.userRole.count({ where: { user_id: { in: ids } } })).toBe(0);
    expect(await database.passwordHistory.count({ where: { user_id: { in: ids } } })).toBe(0);
    expect(await database.ticket.count({ where: { user_id: { in: ids } } })).toBe(0);
    // The other connection's user keeps its own identity and password; the role survives.
    expect(await database.user.count({ where: { user_id: survivor.user_id } })).toBe(1);
    expect(await database.userIdentity.count({ where: { user_id: survivor.user_id } })).toBe(1);
    expect(await database.userPassword.count({ where: { user_id: survivor.user_id } })).toBe(1);
    expect(await database.role.count({ where: { id: role.id } })).toBe(1);
  });

  it("refuses (409) when the connection has more users than one synchronous delete may remove, deleting nothing", async () => {
    const database = await db();
    const { createDatabaseUser } = await import("../../lib/services/users/create-database-user.ts");
    const { deleteConnection } = await import("../../lib/services/connections/delete-connection.ts");
    const { systemActor } = await import("../../lib/services/actor.ts");
    const { AppError } = await import("../../lib/services/errors.ts");
    const conn = await createConnection({ options: { passwordPolicy: "low" } });
    const row = (await database.connection.findUnique({ where: { id: conn.id } }))!;
    for (let i = 0; i < 2; i++) await createDatabaseUser(database, row, { email: `${unique("b")}@example.com`, password: "correct horse" });

    const error = await deleteConnection(database, conn.id, systemActor("test"), { maxUsers: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as InstanceType<typeof AppError>).status).toBe(409);
    expect((error as Error).message).toMatch(/^The connection has 2 users; .*jobs feature/);
    expect(await database.connection.count({ where: { id: conn.id } })).toBe(1);
    expect(await database.user.count({ where: { connection_id: conn.id } })).toBe(2);
  });
});

describe("scopes and malformed requests", () => {
  it.each<[string, string, string, unknown]>([
    ["read:clients", "GET", "/connections", undefined],
    ["read:connections", "POST", "/connections", { name: "scoped", strategy: "auth0" }],
    ["read:connections", "PATCH", "/connections/con_AAAAAAAAAAAAAAAA", { show_as_button: true }],
    ["read:connections update:connections", "DELETE", "/connections/con_AAAAAAAAAAAAAAAA", undefined],
    ["read:connections", "PATCH", "/connections/con_AAAAAAAAAAAAAAAA/clients", [{ client_id: "x", status: true }]],
    ["read:clients", "GET", "/clients/test-bootstrap-client/connections", undefined],
  ])("a token with only %s cannot %s %s", async (scope, method, path, body) => {
    const limited = await managementToken(scope);
    const r = await api(method, path, body, limited);
    expect(r.status).toBe(403);
    expect(r.body.errorCode).toBe("insufficient_scope");
  });

  it("answers bad bodies with 4xx, never 5xx", async () => {
    const conn = await createConnection();
    const cases: [string, string, string, string][] = [
      ["POST", "/connections", "{not json", "application/json"],
      ["POST", "/connections", "[]", "application/json"],
      ["POST", "/connections", "null", "application/json"],
      ["POST", "/connections", '"auth0"', "application/json"],
      ["POST", "/connections", "<x/>", "application/xml"],
      ["POST", "/connections", JSON.stringify({ name: "big", strategy: "auth0", metadata: { k: "x".repeat(1_100_000) } }), "application/json"],
      ["POST", "/connections", `{"name":"deep","strategy":"auth0","options":{"attributes":{"a":${"[".repeat(20_000)}${"]".repeat(20_000)}}}}`, "application/json"],
      ["PATCH", `/connections/${conn.id}`, "{not json", "application/json"],
      ["PATCH", `/connections/${conn.id}`, "[1,2]", "application/json"],
      ["PATCH", `/connections/${conn.id}/clients`, "{}", "application/json"],
      ["PATCH", `/connections/${conn.id}/clients`, "[null]", "application/json"],
      ["PATCH", `/connections/${conn.id}/clients`, "", "application/json"],
    ];
    for (const [method, path, body, type] of cases) {
      const r = await raw(method, path, body, type);
      expect(r.status, `${method} ${path} ${body.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${method} ${path} ${body.slice(0, 40)}`).toBeLessThan(500);
      expect(r.body.statusCode).toBe(r.status);
    }
  });

  it("logs writes as sapi and refusals as fapi", async () => {
    const conn = await createConnection();
    await api("POST", "/connections", { name: "x1", strategy: "github" });
    const database = await db();
    const events = await database.logEvent.findMany({ where: { type: { in: ["sapi", "fapi"] } } });
    expect(events.some((e) => e.type === "sapi" && JSON.stringify(e.details).includes(conn.id))).toBe(true);
    expect(events.some((e) => e.type === "fapi" && e.description?.includes("Strategy github is not supported yet"))).toBe(true);
  });
});
