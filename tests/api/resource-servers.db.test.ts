import { createRemoteJWKSet, customFetch, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { ManagementClient as ManagementClientV4 } from "auth0-v4";
import { ManagementClient as ManagementClientV7 } from "auth0-v7";
import { beforeAll, describe, expect, it } from "vitest";
import { appFetch, call } from "../helpers/app.ts";
import { managementToken, MANAGEMENT_AUDIENCE } from "../helpers/tokens.ts";
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_BOOTSTRAP_CLIENT_SECRET, TEST_DOMAIN, TEST_ISSUER } from "../setup/test-env.ts";

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
const newIdentifier = () => `https://${unique("api")}.example.com/`;
const rs = (idOrIdentifier: string) => `/resource-servers/${encodeURIComponent(idOrIdentifier)}`;

async function db() {
  const { getDb } = await import("../../lib/db/client.ts");
  return getDb();
}

/** A machine-to-machine application granted `scope` on `audience`; returns a token requester. */
async function machineFor(audience: string, scope: string[]) {
  const client = await api("POST", "/clients", { name: unique("m2m"), app_type: "non_interactive" });
  expect(client.status).toBe(201);
  const grant = await api("POST", "/client-grants", { client_id: client.body.client_id, audience, scope });
  expect(grant.status).toBe(201);
  const requestToken = async (extra: Record<string, string> = {}) => {
    const response = await call("POST", "/oauth/token", {
      form: { grant_type: "client_credentials", client_id: client.body.client_id, client_secret: client.body.client_secret, audience, ...extra },
    });
    return { status: response.status, body: (await response.json()) as { access_token: string; error?: string; scope?: string } & Record<string, unknown> };
  };
  return { clientId: client.body.client_id as string, grantId: grant.body.id as string, requestToken };
}

describe("/api/v2/resource-servers", () => {
  it("creates an API with Auth0's defaults (201)", async () => {
    const identifier = newIdentifier();
    const r = await api("POST", "/resource-servers", { identifier, scopes: [{ value: "read:things", description: "Read things" }, { value: "write:things" }] });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: identifier,
      identifier,
      is_system: false,
      scopes: [{ value: "read:things", description: "Read things" }, { value: "write:things" }],
      signing_alg: "RS256",
      allow_offline_access: false,
      skip_consent_for_verifiable_first_party_clients: true,
      token_lifetime: 86400,
      token_lifetime_for_web: 7200,
      enforce_policies: false,
      token_dialect: "access_token",
    });
  });

  it("gets an API by id and by its percent-encoded identifier", async () => {
    const identifier = newIdentifier();
    const created = await api("POST", "/resource-servers", { identifier, name: "Orders" });
    const byId = await api("GET", rs(created.body.id));
    const byIdentifier = await api("GET", rs(identifier));
    expect(byId.status).toBe(200);
    expect(byIdentifier).toEqual(byId);
    expect(byId.body).toEqual(created.body);
    const projected = await api("GET", `${rs(identifier)}?fields=name,identifier&include_fields=true`);
    expect(projected.body).toEqual({ name: "Orders", identifier });
  });

  it("addresses an identifier holding percent-escapes exactly, never a look-alike API", async () => {
    // Regression: a second decode of the path turned `urn:…:a%41b` into `urn:…:aAb`.
    const base = `urn:${unique("pct")}`;
    const lookAlike = await api("POST", "/resource-servers", { identifier: `${base}:aAb`, name: "look-alike" });
    const target = await api("POST", "/resource-servers", { identifier: `${base}:a%41b`, name: "target" });
    expect((await api("GET", rs(`${base}:a%41b`))).body.id).toBe(target.body.id);
    expect((await api("PATCH", rs(`${base}:a%41b`), { name: "renamed" })).body.id).toBe(target.body.id);
    expect((await api("DELETE", rs(`${base}:a%41b`))).status).toBe(204);
    expect((await api("GET", rs(lookAlike.body.id))).body).toMatchObject({ name: "look-alike", identifier: `${base}:aAb` });
    expect((await api("GET", rs(target.body.id))).status).toBe(404);
  });

  it("an unknown API: 404 inexistent_resource_server", async () => {
    for (const id of ["0123456789abcdef01234567", "https://nowhere.example.com/"]) {
      const r = await api("GET", rs(id));
      expect(r).toEqual({ status: 404, body: { statusCode: 404, error: "Not Found", message: "The resource server does not exist.", errorCode: "inexistent_resource_server" } });
      expect((await api("PATCH", rs(id), { name: "x" })).status).toBe(404);
      expect((await api("DELETE", rs(id))).status).toBe(404);
    }
  });

  it("a duplicate identifier: 409", async () => {
    const identifier = newIdentifier();
    expect((await api("POST", "/resource-servers", { identifier })).status).toBe(201);
    const again = await api("POST", "/resource-servers", { identifier, name: "Other" });
    expect(again).toEqual({
      status: 409,
      body: { statusCode: 409, error: "Conflict", message: "A resource server with the same identifier already exists", errorCode: "resource_server_conflict" },
    });
    const management = await api("POST", "/resource-servers", { identifier: MANAGEMENT_AUDIENCE });
    expect(management.status).toBe(409);
  });

  it("updates with PATCH (201, as Auth0's OAS says); the identifier is immutable", async () => {
    const identifier = newIdentifier();
    const created = await api("POST", "/resource-servers", { identifier, allow_online_access: true });
    const r = await api("PATCH", rs(identifier), {
      name: "Renamed",
      token_lifetime: 3600,
      token_dialect: "access_token_authz",
      enforce_policies: true,
      allow_offline_access: true,
      skip_consent_for_verifiable_first_party_clients: false,
      proof_of_possession: { mechanism: "dpop", required: false },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      id: created.body.id,
      identifier,
      name: "Renamed",
      token_lifetime: 3600,
      // Lowered with token_lifetime, which it may not exceed.
      token_lifetime_for_web: 3600,
      token_dialect: "access_token_authz",
      enforce_policies: true,
      allow_offline_access: true,
      skip_consent_for_verifiable_first_party_clients: false,
      allow_online_access: true,
      proof_of_possession: { mechanism: "dpop", required: false },
    });
    const renamed = await api("PATCH", rs(identifier), { identifier: "https://other.example.com/" });
    expect(renamed.status).toBe(400);
    expect(renamed.body).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: "Payload validation error: 'The identifier of an API cannot be changed' on property identifier.",
      errorCode: "invalid_body",
    });
    expect((await api("GET", rs(identifier))).body.identifier).toBe(identifier);
  });

  it("round-trips the Auth0 properties Gatehouse stores without acting on them", async () => {
    const passthrough = {
      allow_online_access: false,
      allow_online_access_with_ephemeral_sessions: false,
      token_lifetime_for_anonymous_access_tokens: 600,
      token_encryption: null,
      consent_policy: null,
      authorization_details: [{ type: "payment_initiation" }],
      proof_of_possession: null,
      subject_type_authorization: { user: { policy: "allow_all" }, client: { policy: "require_client_grant" } },
      authorization_policy: null,
    };
    const identifier = newIdentifier();
    const created = await api("POST", "/resource-servers", { identifier, ...passthrough });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(passthrough);
    expect((await api("GET", rs(identifier))).body).toMatchObject(passthrough);
    // SDK v4 spells an absent consent policy as the string "null".
    const v4 = await api("PATCH", rs(identifier), { consent_policy: "null", allow_online_access: true });
    expect(v4.body).toMatchObject({ ...passthrough, consent_policy: null, allow_online_access: true });
  });

  it.each([
    [{}, "'Missing required property: identifier'."],
    [{ identifier: "https://x.example.com/", colour: "blue" }, "'Additional properties not allowed: colour'."],
    [{ identifier: "has space" }, "'The identifier must not contain whitespace or control characters' on property identifier."],
    [{ identifier: `https://x.example.com/${"a".repeat(600)}` }, "'String is too long (622 chars), maximum 600' on property identifier."],
    [{ identifier: 42 }, "'Expected type string but found type integer' on property identifier."],
    [{ identifier: "https://x.example.com/", name: "<script>" }, "'Must not contain < or >' on property name."],
    [{ identifier: "https://x.example.com/", scopes: [{ value: "read things" }] }, "'A scope value is one word of printable ASCII, without spaces, quotes or backslashes (RFC 6749 §3.3)' on property scopes.0.value."],
    [{ identifier: "https://x.example.com/", scopes: [{ value: "" }] }, "'String is too short (0 chars), minimum 1' on property scopes.0.value."],
    [{ identifier: "https://x.example.com/", scopes: [{ value: "a" }, { value: "a" }] }, "'Duplicate scope value: a' on property scopes.1.value."],
    [{ identifier: "https://x.example.com/", scopes: [{ description: "no value" }] }, "'Missing required property: value' on property scopes.0."],
    [{ identifier: "https://x.example.com/", scopes: "read" }, "'Expected type array but found type string' on property scopes."],
    [{ identifier: "https://x.example.com/", signing_alg: "none" }, "'No enum match for: \"none\"' on property signing_alg."],
    [{ identifier: "https://x.example.com/", signing_alg: "HS256", signing_secret: "short-secret-16c" }, "'The signing secret must be at least 32 characters (RFC 7518 §3.2)' on property signing_secret."],
    [{ identifier: "https://x.example.com/", token_lifetime: 2_592_001 }, "'Value 2592001 is greater than maximum 2592000' on property token_lifetime."],
    [{ identifier: "https://x.example.com/", token_lifetime: 0 }, "'Value 0 is less than minimum 1' on property token_lifetime."],
    [{ identifier: "https://x.example.com/", token_dialect: "jwt" }, "'No enum match for: \"jwt\"' on property token_dialect."],
    [{ identifier: "https://x.example.com/", token_encryption: { format: "compact-nested-jwe", encryption_key: { alg: "RSA-OAEP-256", pem: "x" } } }, "'Token encryption is not supported yet' on property token_encryption."],
    [{ identifier: "https://x.example.com/", proof_of_possession: { mechanism: "dpop", required: true } }, "'Requiring proof of possession is not supported yet' on property proof_of_possession.required."],
    [{ identifier: "https://x.example.com/", consent_policy: "transactional-authorization-with-mfa" }, "'Transactional authorization with MFA is not supported yet' on property consent_policy."],
    [{ identifier: "https://x.example.com/", authorization_policy: { policy_id: "pol_1" } }, "'Authorization policies is not supported yet' on property authorization_policy."],
    [{ identifier: "https://x.example.com/", subject_type_authorization: { client: { policy: "deny_all" } } }, "'A client policy other than require_client_grant is not supported yet' on property subject_type_authorization.client.policy."],
    [{ identifier: "https://x.example.com/", subject_type_authorization: { user: { policy: "deny_all" } } }, "'A user policy other than allow_all is not supported yet' on property subject_type_authorization.user.policy."],
    [{ identifier: "https://x.example.com/", is_system: true }, "'Additional properties not allowed: is_system'."],
  ])("rejects %j with 400 invalid_body", async (body, message) => {
    const r = await api("POST", "/resource-servers", body);
    expect(r).toEqual({ status: 400, body: { statusCode: 400, error: "Bad Request", message: `Payload validation error: ${message}`, errorCode: "invalid_body" } });
  });

  it.each([
    [{ signing_alg: "RS256", signing_secret: "s".repeat(40) }, "signing_secret can only be set for an HS256 API."],
    [{ token_lifetime: 600, token_lifetime_for_web: 7200 }, "token_lifetime_for_web (7200) cannot be greater than token_lifetime (600)."],
    [{ identifier: `${TEST_ISSUER}userinfo` }, `The identifier ${TEST_ISSUER}userinfo is reserved.`],
  ])("rejects the inconsistent %j with 400", async (body, message) => {
    const r = await api("POST", "/resource-servers", { identifier: newIdentifier(), ...body });
    expect(r).toEqual({ status: 400, body: { statusCode: 400, error: "Bad Request", message, errorCode: "invalid_body" } });
  });

  it("checks token_lifetime_for_web against the stored token_lifetime on update", async () => {
    const identifier = newIdentifier();
    await api("POST", "/resource-servers", { identifier, token_lifetime: 1000, token_lifetime_for_web: 500 });
    expect((await api("PATCH", rs(identifier), { token_lifetime_for_web: 1001 })).status).toBe(400);
    expect((await api("PATCH", rs(identifier), { token_lifetime_for_web: 1000 })).body.token_lifetime_for_web).toBe(1000);
  });

  describe("lists", () => {
    it("as a bare array, or Auth0's offset envelope with include_totals, the Management API first", async () => {
      const bare = await api("GET", "/resource-servers");
      expect(bare.status).toBe(200);
      expect(Array.isArray(bare.body)).toBe(true);
      expect(bare.body[0]).toMatchObject({ identifier: MANAGEMENT_AUDIENCE, is_system: true });
      for (let i = 0; i < 3; i++) await api("POST", "/resource-servers", { identifier: newIdentifier() });
      const page = await api("GET", "/resource-servers?page=0&per_page=2&include_totals=true");
      expect(page.body).toMatchObject({ start: 0, limit: 2, total: expect.any(Number) });
      expect(page.body.resource_servers).toHaveLength(2);
      expect(page.body.total).toBeGreaterThanOrEqual(4);
      const seen: string[] = [];
      for (let p = 0; ; p++) {
        const r = await api("GET", `/resource-servers?page=${p}&per_page=2&include_totals=true`);
        seen.push(...r.body.resource_servers.map((s: { id: string }) => s.id));
        if (r.body.resource_servers.length < 2) break;
      }
      expect(new Set(seen).size).toBe(page.body.total);
      const past = await api("GET", "/resource-servers?page=1000&per_page=50&include_totals=true");
      expect(past.body).toMatchObject({ resource_servers: [] });
    });

    it("filters by identifiers (repeated keys, at most 10)", async () => {
      const a = newIdentifier();
      const b = newIdentifier();
      await api("POST", "/resource-servers", { identifier: a });
      await api("POST", "/resource-servers", { identifier: b });
      const one = await api("GET", `/resource-servers?identifiers=${encodeURIComponent(a)}`);
      expect(one.body.map((s: { identifier: string }) => s.identifier)).toEqual([a]);
      const two = await api("GET", `/resource-servers?identifiers=${encodeURIComponent(a)}&identifiers=${encodeURIComponent(b)}&include_totals=true`);
      expect(two.body.resource_servers.map((s: { identifier: string }) => s.identifier).sort()).toEqual([a, b].sort());
      expect(two.body.total).toBe(2);
      const eleven = Array.from({ length: 11 }, (_, i) => `identifiers=x${i}`).join("&");
      const tooMany = await api("GET", `/resource-servers?${eleven}`);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body).toMatchObject({ errorCode: "invalid_query_string", message: "Query validation error: 'At most 10 identifiers can be given' on property identifiers." });
    });

    it.each(["per_page=0", "per_page=101", "page=-1", "page=x", "include_totals=maybe", "identifiers=a%00b"])("rejects ?%s with 400", async (query) => {
      const r = await api("GET", `/resource-servers?${query}`);
      expect(r.status).toBe(400);
      expect(r.body.errorCode).toBe("invalid_query_string");
    });
  });

  describe("the Management API (is_system)", () => {
    it("can be read, by id and by audience", async () => {
      const r = await api("GET", rs(MANAGEMENT_AUDIENCE));
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ identifier: MANAGEMENT_AUDIENCE, is_system: true, signing_alg: "RS256" });
      expect(r.body).not.toHaveProperty("signing_secret");
      expect(r.body.scopes.map((s: { value: string }) => s.value)).toContain("read:clients");
      expect((await api("GET", rs(r.body.id))).body).toEqual(r.body);
    });

    it.each([
      [{ name: "Mine now" }, "name"],
      [{ scopes: [{ value: "read:clients" }] }, "scopes"],
      [{ signing_alg: "HS256" }, "signing_alg"],
      [{ token_dialect: "rfc9068_profile" }, "token_dialect"],
      [{ token_lifetime_for_web: 60 }, "token_lifetime_for_web"],
      [{ token_lifetime: 3600, allow_offline_access: true }, "allow_offline_access"],
    ])("refuses %j (400), as Auth0 does for its system API", async (body, field) => {
      const before = await api("GET", rs(MANAGEMENT_AUDIENCE));
      const r = await api("PATCH", rs(MANAGEMENT_AUDIENCE), body);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ errorCode: "invalid_body" });
      expect(r.body.message).toContain(`Additional properties not allowed: ${field}`);
      expect((await api("GET", rs(MANAGEMENT_AUDIENCE))).body).toEqual(before.body);
    });

    it("accepts token_lifetime and skip_consent_for_verifiable_first_party_clients, and tokens follow", async () => {
      const r = await api("PATCH", rs(MANAGEMENT_AUDIENCE), { token_lifetime: 7200, skip_consent_for_verifiable_first_party_clients: false });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ token_lifetime: 7200, is_system: true });
      const payload = decodeJwt(await managementToken());
      expect(payload.exp! - payload.iat!).toBe(7200);
      await api("PATCH", rs(MANAGEMENT_AUDIENCE), { token_lifetime: 86400 });
    });

    it("cannot be deleted (400 operation_not_supported)", async () => {
      const r = await api("DELETE", rs(MANAGEMENT_AUDIENCE));
      expect(r).toEqual({
        status: 400,
        body: { statusCode: 400, error: "Bad Request", message: "The Management API is a system API and cannot be deleted.", errorCode: "operation_not_supported" },
      });
      expect((await api("GET", rs(MANAGEMENT_AUDIENCE))).status).toBe(200);
      expect((await managementToken()).length).toBeGreaterThan(0);
    });
  });

  describe("HS256 APIs and their signing secret", () => {
    it("generates a secret, stores it encrypted, and signs the API's tokens with it", async () => {
      const identifier = newIdentifier();
      const created = await api("POST", "/resource-servers", { identifier, signing_alg: "HS256", scopes: [{ value: "read:things" }] });
      expect(created.status).toBe(201);
      const secret = created.body.signing_secret as string;
      expect(secret).toMatch(/^[A-Za-z0-9]{64}$/);

      const row = await (await db()).resourceServer.findUnique({ where: { identifier }, omit: { signing_secret_encrypted: false } });
      expect(row!.signing_secret_encrypted).toBeTruthy();
      expect(JSON.stringify(row)).not.toContain(secret);

      const machine = await machineFor(identifier, ["read:things"]);
      const issued = await machine.requestToken();
      expect(issued.status).toBe(200);
      expect(decodeProtectedHeader(issued.body.access_token)).toMatchObject({ alg: "HS256", typ: "JWT" });
      const { payload } = await jwtVerify(issued.body.access_token, new TextEncoder().encode(secret), { issuer: TEST_ISSUER, audience: identifier });
      expect(payload).toMatchObject({ scope: "read:things", azp: machine.clientId, sub: `${machine.clientId}@clients`, gty: "client-credentials" });
    });

    it("shows the secret to read:resource_servers holders (logged as mgmt_api_read), never in audit logs", async () => {
      const identifier = newIdentifier();
      const secret = `given-secret-${"x".repeat(40)}`;
      const created = await api("POST", "/resource-servers", { identifier, signing_alg: "HS256", signing_secret: secret });
      expect(created.body.signing_secret).toBe(secret);
      const before = await (await db()).logEvent.count({ where: { type: "mgmt_api_read" } });
      expect((await api("GET", rs(identifier))).body.signing_secret).toBe(secret);
      const listed = await api("GET", `/resource-servers?identifiers=${encodeURIComponent(identifier)}`);
      expect(listed.body[0].signing_secret).toBe(secret);
      expect(await (await db()).logEvent.count({ where: { type: "mgmt_api_read" } })).toBe(before + 2);

      // A caller who may change the API but not read it gets no secret back unless it set one.
      const updateOnly = await managementToken("update:resource_servers");
      const renamed = await api("PATCH", rs(identifier), { name: "Renamed" }, updateOnly);
      expect(renamed.status).toBe(201);
      expect(renamed.body).not.toHaveProperty("signing_secret");

      const events = await (await db()).logEvent.findMany({ where: { type: { in: ["sapi", "fapi"] } } });
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) expect(JSON.stringify(event)).not.toContain(secret);
    });

    it("rotates with PATCH signing_secret; leaving HS256 erases the secret; coming back makes a new one", async () => {
      const identifier = newIdentifier();
      const created = await api("POST", "/resource-servers", { identifier, signing_alg: "HS256", scopes: [{ value: "s" }] });
      const machine = await machineFor(identifier, ["s"]);
      const rotatedSecret = "r".repeat(48);
      const rotated = await api("PATCH", rs(identifier), { signing_secret: rotatedSecret });
      expect(rotated.body.signing_secret).toBe(rotatedSecret);
      const issued = (await machine.requestToken()).body.access_token as string;
      await expect(jwtVerify(issued, new TextEncoder().encode(created.body.signing_secret))).rejects.toThrow();
      await expect(jwtVerify(issued, new TextEncoder().encode(rotatedSecret))).resolves.toBeDefined();

      const rsa = await api("PATCH", rs(identifier), { signing_alg: "RS256" });
      expect(rsa.body.signing_alg).toBe("RS256");
      expect(rsa.body).not.toHaveProperty("signing_secret");
      const row = await (await db()).resourceServer.findUnique({ where: { identifier }, omit: { signing_secret_encrypted: false } });
      expect(row!.signing_secret_encrypted).toBeNull();
      expect(decodeProtectedHeader((await machine.requestToken()).body.access_token)).toMatchObject({ alg: "RS256" });

      const back = await api("PATCH", rs(identifier), { signing_alg: "HS256" });
      expect(back.body.signing_secret).toMatch(/^[A-Za-z0-9]{64}$/);
      expect(back.body.signing_secret).not.toBe(rotatedSecret);
      expect((await api("PATCH", rs(identifier), { signing_alg: "PS256", signing_secret: "z".repeat(40) })).status).toBe(400);
    });
  });

  describe("tokens for a custom API", () => {
    it("carry the API's audience, the granted scopes, its algorithm and its token_lifetime", async () => {
      const identifier = newIdentifier();
      await api("POST", "/resource-servers", { identifier, token_lifetime: 600, scopes: [{ value: "read:orders" }, { value: "write:orders" }] });
      const machine = await machineFor(identifier, ["read:orders"]);
      const issued = await machine.requestToken();
      expect(issued.status).toBe(200);
      expect(issued.body).toMatchObject({ token_type: "Bearer", expires_in: 600, scope: "read:orders" });
      const jwks = createRemoteJWKSet(new URL(`${TEST_ISSUER}.well-known/jwks.json`), { [customFetch]: appFetch });
      const { payload, protectedHeader } = await jwtVerify(issued.body.access_token, jwks, { issuer: TEST_ISSUER, audience: identifier });
      expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
      expect(payload).toMatchObject({ aud: identifier, scope: "read:orders", azp: machine.clientId });
      expect(payload.exp! - payload.iat!).toBe(600);
      // A token for a custom API is no Management API token.
      expect((await call("GET", "/api/v2/clients", { token: issued.body.access_token })).status).toBe(401);
    });

    it("are signed with the API's RSA algorithm (RS512, PS256)", async () => {
      for (const alg of ["RS512", "PS256"]) {
        const identifier = newIdentifier();
        await api("POST", "/resource-servers", { identifier, signing_alg: alg });
        const machine = await machineFor(identifier, []);
        const issued = await machine.requestToken();
        expect(issued.status).toBe(200);
        expect(decodeProtectedHeader(issued.body.access_token).alg).toBe(alg);
      }
    });

    it("follow the RFC 9068 dialect: typ at+jwt, client_id, and permissions with _authz", async () => {
      const identifier = newIdentifier();
      await api("POST", "/resource-servers", { identifier, token_dialect: "rfc9068_profile_authz", scopes: [{ value: "a" }, { value: "b" }] });
      const machine = await machineFor(identifier, ["a", "b"]);
      const issued = await machine.requestToken();
      const jwks = createRemoteJWKSet(new URL(`${TEST_ISSUER}.well-known/jwks.json`), { [customFetch]: appFetch });
      const { payload, protectedHeader } = await jwtVerify(issued.body.access_token, jwks, { issuer: TEST_ISSUER, audience: identifier, typ: "at+jwt" });
      expect(protectedHeader.typ).toBe("at+jwt");
      expect(payload).toMatchObject({ client_id: machine.clientId, scope: "a b", permissions: ["a", "b"] });
      expect(payload).not.toHaveProperty("azp");
    });
  });

  describe("scope removal", () => {
    it("prunes removed scopes from grants and permissions, and a re-added scope does not come back", async () => {
      const identifier = newIdentifier();
      await api("POST", "/resource-servers", { identifier, scopes: [{ value: "keep" }, { value: "drop" }] });
      const machine = await machineFor(identifier, ["keep", "drop"]);
      const database = await db();
      const { newRoleId } = await import("../../lib/crypto/ids.ts");
      const role = await database.role.create({ data: { id: newRoleId(), name: unique("role") } });
      const user = await database.user.findFirstOrThrow();
      for (const permission_name of ["keep", "drop"]) {
        await database.rolePermission.create({ data: { role_id: role.id, resource_server_identifier: identifier, permission_name } });
        await database.userPermission.create({ data: { user_id: user.user_id, resource_server_identifier: identifier, permission_name } });
      }

      const r = await api("PATCH", rs(identifier), { scopes: [{ value: "keep" }, { value: "new" }] });
      expect(r.status).toBe(201);
      expect((await api("GET", `/client-grants/${machine.grantId}`)).body.scope).toEqual(["keep"]);
      const rolePermissions = await database.rolePermission.findMany({ where: { resource_server_identifier: identifier } });
      expect(rolePermissions.map((p) => p.permission_name)).toEqual(["keep"]);
      const userPermissions = await database.userPermission.findMany({ where: { resource_server_identifier: identifier } });
      expect(userPermissions.map((p) => p.permission_name)).toEqual(["keep"]);
      expect((await machine.requestToken({ scope: "drop" })).status).toBe(403);

      await api("PATCH", rs(identifier), { scopes: [{ value: "keep" }, { value: "drop" }] });
      expect((await api("GET", `/client-grants/${machine.grantId}`)).body.scope).toEqual(["keep"]);
      expect((await machine.requestToken()).body.scope).toBe("keep");

      await api("PATCH", rs(identifier), { scopes: [] });
      expect((await api("GET", `/client-grants/${machine.grantId}`)).body.scope).toEqual([]);
      expect(await database.rolePermission.count({ where: { resource_server_identifier: identifier } })).toBe(0);
    });
  });

  it("deletes an API with its grants (204); its tokens can no longer be obtained", async () => {
    const identifier = newIdentifier();
    const created = await api("POST", "/resource-servers", { identifier, scopes: [{ value: "x" }] });
    const machine = await machineFor(identifier, ["x"]);
    expect((await machine.requestToken()).status).toBe(200);
    const r = await api("DELETE", rs(created.body.id));
    expect(r).toEqual({ status: 204, body: undefined });
    expect((await api("GET", rs(identifier))).status).toBe(404);
    expect((await api("GET", `/client-grants/${machine.grantId}`)).status).toBe(404);
    const denied = await machine.requestToken();
    expect(denied).toEqual({ status: 403, body: { error: "access_denied", error_description: `Service not found: ${identifier}` } });
    expect((await api("DELETE", rs(identifier))).status).toBe(404);
  });

  describe("attacks and mistakes", () => {
    it.each([
      ["GET", "/resource-servers", "read:resource_servers"],
      ["POST", "/resource-servers", "create:resource_servers"],
      ["GET", `/resource-servers/${encodeURIComponent(MANAGEMENT_AUDIENCE)}`, "read:resource_servers"],
      ["PATCH", `/resource-servers/${encodeURIComponent(MANAGEMENT_AUDIENCE)}`, "update:resource_servers"],
      ["DELETE", `/resource-servers/${encodeURIComponent(MANAGEMENT_AUDIENCE)}`, "delete:resource_servers"],
    ])("%s %s needs %s (403 otherwise)", async (method, path, scope) => {
      const wrong = await managementToken("read:clients create:clients");
      const r = await api(method, path, method === "POST" || method === "PATCH" ? { identifier: newIdentifier() } : undefined, wrong);
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ statusCode: 403, error: "Forbidden", message: `Insufficient scope, expected any of: ${scope}`, errorCode: "insufficient_scope" });
      expect((await call(method, `/api/v2${path}`)).status).toBe(401);
    });

    it("answers malformed requests with 4xx, never 5xx", async () => {
      const raw = (method: string, path: string, body: string, contentType: string) =>
        appFetch(`https://${TEST_DOMAIN}/api/v2${path}`, { method, body, headers: { authorization: `Bearer ${token}`, "content-type": contentType } });
      expect((await raw("POST", "/resource-servers", "{nope", "application/json")).status).toBe(400);
      expect((await raw("POST", "/resource-servers", "[]", "application/json")).status).toBe(400);
      expect((await raw("POST", "/resource-servers", "null", "application/json")).status).toBe(400);
      expect((await raw("POST", "/resource-servers", JSON.stringify({ identifier: "x".repeat(1_100_000) }), "application/json")).status).toBe(413);
      expect((await raw("PATCH", rs(MANAGEMENT_AUDIENCE), "<x/>", "application/xml")).status).toBe(415);
      expect((await api("POST", "/resource-servers")).status).toBe(400);
      // (A malformed escape such as %E0%A4%A is refused by Next.js's router before any handler runs.)
      for (const id of ["%00", "a%20b", encodeURIComponent("x".repeat(601))]) {
        const r = await call("GET", `/api/v2/resource-servers/${id}`, { token });
        expect(r.status).toBe(400);
      }
      const fractional = await api("POST", "/resource-servers", { identifier: newIdentifier(), token_lifetime: 1.5 });
      expect(fractional.status).toBe(400);
      expect(fractional.body.message).toContain("on property token_lifetime");
      const nul = await api("POST", "/resource-servers", { identifier: "https://x.example.com/\u0000" });
      expect(nul.status).toBe(400);
      const nulName = await api("POST", "/resource-servers", { identifier: newIdentifier(), name: "a\u0000b" });
      expect(nulName.status).toBe(400);
      // Regression: a NUL check through JSON.stringify overflowed the stack on deep input (500).
      const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
      for (const body of [
        `{"identifier":"https://deep.example.com/","client":{"a":${deep(20_000)}}}`,
        `{"identifier":"https://deep.example.com/","authorization_details":[{"type":${deep(20_000)}}]}`,
        `{"identifier":"https://deep.example.com/","unknown":${deep(20_000)}}`,
      ]) {
        const r = await raw("POST", "/resource-servers", body, "application/json");
        expect(r.status).toBe(400);
      }
      const nested = await raw("PATCH", rs(newIdentifier()), `{"client":{"a":${deep(40)}}}`, "application/json");
      expect(nested.status).toBe(400);
      expect((await nested.json()).message).toMatch(/32 levels/);
      for (const body of [{ identifier: newIdentifier(), client: { note: "nul \u0000 inside" } }, { identifier: newIdentifier(), client: { "k\u0000": 1 } }]) {
        const r = await api("POST", "/resource-servers", body);
        expect(r.status).toBe(400);
        expect(r.body.errorCode).toBe("invalid_body");
      }
    });
  });

  it("the schemas themselves refuse NUL and deep nesting (dashboard callers never pass through the HTTP body reader)", async () => {
    const { resourceServerCreateSchema } = await import("../../lib/schemas/resource-servers.ts");
    const { clientGrantUpdateSchema } = await import("../../lib/schemas/client-grants.ts");
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const cases = [
      resourceServerCreateSchema.safeParse({ identifier: "https://x.example.com/", client: { a: deep } }),
      resourceServerCreateSchema.safeParse({ identifier: "https://x.example.com/", authorization_details: [{ type: "a\u0000" }] }),
      resourceServerCreateSchema.safeParse({ identifier: "https://x.example.com/", client: { "k\u0000": true } }),
      clientGrantUpdateSchema.safeParse({ scope: ["a"], extra: deep }),
    ];
    for (const result of cases) expect(result.success).toBe(false);
    expect(resourceServerCreateSchema.safeParse({ identifier: "https://x.example.com/", client: { a: { b: [1, "two"] } } }).success).toBe(true);
  });

  describe("official SDKs", () => {
    const options = { domain: TEST_DOMAIN, clientId: TEST_BOOTSTRAP_CLIENT_ID, clientSecret: TEST_BOOTSTRAP_CLIENT_SECRET, fetch: appFetch };

    it("v7: create, get by identifier, list every page, update, delete", async () => {
      const client = new ManagementClientV7(options);
      const identifier = newIdentifier();
      const created = await client.resourceServers.create({ identifier, name: "SDK v7", scopes: [{ value: "read:a" }] });
      expect(created).toMatchObject({ identifier, name: "SDK v7" });
      expect((await client.resourceServers.get(identifier)).id).toBe(created.id);
      const seen: string[] = [];
      for await (const item of await client.resourceServers.list({ per_page: 2 })) seen.push(item.identifier!);
      expect(seen).toContain(identifier);
      expect(seen).toContain(MANAGEMENT_AUDIENCE);
      const updated = await client.resourceServers.update(identifier, { token_lifetime: 1200 });
      expect(updated.token_lifetime).toBe(1200);
      await client.resourceServers.delete(identifier);
      await expect(client.resourceServers.get(identifier)).rejects.toMatchObject({ statusCode: 404 });
    });

    it("v4: getAll with and without totals, create, update", async () => {
      const client = new ManagementClientV4(options);
      const identifier = newIdentifier();
      const created = await client.resourceServers.create({ identifier, signing_alg: "HS256" });
      expect(created.data.signing_secret).toMatch(/^[A-Za-z0-9]{64}$/);
      const withTotals = await client.resourceServers.getAll({ include_totals: true, per_page: 100 });
      expect(withTotals.data.resource_servers.map((s) => s.identifier)).toContain(identifier);
      const bare = await client.resourceServers.getAll({ per_page: 100 });
      expect(Array.isArray(bare.data)).toBe(true);
      const updated = await client.resourceServers.update({ id: created.data.id! }, { name: "SDK v4" });
      expect(updated.data.name).toBe("SDK v4");
    });
  });
});
