import { createHash, X509Certificate } from "node:crypto";
import { createRemoteJWKSet, customFetch, decodeJwt, decodeProtectedHeader, jwtVerify, type JWK } from "jose";
import { describe, expect, it } from "vitest";
import { appFetch, call } from "../helpers/app.ts";
import { MANAGEMENT_AUDIENCE } from "../helpers/tokens.ts";
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_BOOTSTRAP_CLIENT_SECRET, TEST_DOMAIN, TEST_ISSUER } from "../setup/test-env.ts";

const credentials = { client_id: TEST_BOOTSTRAP_CLIENT_ID, client_secret: TEST_BOOTSTRAP_CLIENT_SECRET };

async function token(form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await call("POST", "/oauth/token", { form, headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

describe("POST /oauth/token grant_type=client_credentials", () => {
  it("issues an RS256 JWT with Auth0's client-credentials claims (client_secret_post)", async () => {
    const { status, body, headers } = await token({ grant_type: "client_credentials", ...credentials, audience: MANAGEMENT_AUDIENCE });
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 86400 });
    expect(body).not.toHaveProperty("id_token");
    const jwks = createRemoteJWKSet(new URL(`${TEST_ISSUER}.well-known/jwks.json`), { [customFetch]: appFetch });
    const { payload, protectedHeader } = await jwtVerify(body.access_token as string, jwks, { issuer: TEST_ISSUER, audience: MANAGEMENT_AUDIENCE });
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(payload).toMatchObject({ sub: `${TEST_BOOTSTRAP_CLIENT_ID}@clients`, azp: TEST_BOOTSTRAP_CLIENT_ID, gty: "client-credentials" });
    expect(typeof payload.jti).toBe("string");
    expect(payload.exp! - payload.iat!).toBe(86400);
    expect((payload.scope as string).split(" ")).toContain("read:clients");
    expect(body.scope).toBe(payload.scope);
  });

  it("accepts client_secret_basic and a JSON body", async () => {
    const basic = Buffer.from(`${encodeURIComponent(credentials.client_id)}:${encodeURIComponent(credentials.client_secret)}`).toString("base64");
    const viaBasic = await token({ grant_type: "client_credentials", audience: MANAGEMENT_AUDIENCE }, { authorization: `Basic ${basic}` });
    expect(viaBasic.status).toBe(200);
    const viaJson = await call("POST", "/oauth/token", { json: { grant_type: "client_credentials", ...credentials, audience: MANAGEMENT_AUDIENCE } });
    expect(viaJson.status).toBe(200);
  });

  it("narrows the scopes to those requested", async () => {
    const { status, body } = await token({ grant_type: "client_credentials", ...credentials, audience: MANAGEMENT_AUDIENCE, scope: "read:clients read:logs" });
    expect(status).toBe(200);
    expect(body.scope).toBe("read:clients read:logs");
    expect(decodeJwt(body.access_token as string).scope).toBe("read:clients read:logs");
  });

  describe("attacks and mistakes", () => {
    it("wrong client secret: 401 invalid_client, same answer as an unknown client", async () => {
      const wrong = await token({ grant_type: "client_credentials", client_id: credentials.client_id, client_secret: "x".repeat(64), audience: MANAGEMENT_AUDIENCE });
      const unknown = await token({ grant_type: "client_credentials", client_id: "no-such-client", client_secret: "x".repeat(64), audience: MANAGEMENT_AUDIENCE });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({ error: "invalid_client", error_description: "Client authentication failed." });
      expect({ status: unknown.status, body: unknown.body }).toEqual({ status: wrong.status, body: wrong.body });
    });

    it("wrong secret over Basic: 401 with WWW-Authenticate", async () => {
      const basic = Buffer.from(`${credentials.client_id}:wrong`).toString("base64");
      const r = await token({ grant_type: "client_credentials", audience: MANAGEMENT_AUDIENCE }, { authorization: `Basic ${basic}` });
      expect(r.status).toBe(401);
      expect(r.headers.get("www-authenticate")).toMatch(/^Basic/);
    });

    it("two authentication methods at once: 400 invalid_request", async () => {
      const basic = Buffer.from(`${credentials.client_id}:${credentials.client_secret}`).toString("base64");
      const r = await token({ grant_type: "client_credentials", ...credentials, audience: MANAGEMENT_AUDIENCE }, { authorization: `Basic ${basic}` });
      expect(r.status).toBe(400);
      expect(r.body.error).toBe("invalid_request");
    });

    it("a token for another audience: 403 access_denied for an unknown API", async () => {
      const r = await token({ grant_type: "client_credentials", ...credentials, audience: "https://api.elsewhere.example/" });
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ error: "access_denied", error_description: "Service not found: https://api.elsewhere.example/" });
    });

    it("a scope that was not granted is never issued", async () => {
      const r = await token({ grant_type: "client_credentials", ...credentials, audience: MANAGEMENT_AUDIENCE, scope: "read:clients launch:missiles" });
      expect(r.status).toBe(200);
      expect(r.body.scope).toBe("read:clients");
      const only = await token({ grant_type: "client_credentials", ...credentials, audience: MANAGEMENT_AUDIENCE, scope: "launch:missiles" });
      expect(only.status).toBe(403);
      expect(only.body.error).toBe("access_denied");
    });

    it("a repeated parameter is rejected (RFC 6749 §3.2)", async () => {
      const response = await appFetch(`${TEST_ISSUER}oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `grant_type=client_credentials&client_id=${credentials.client_id}&client_secret=${credentials.client_secret}&audience=a&audience=b`,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_request" });
    });

    it.each([
      [{}, 400, "invalid_request"],
      [{ grant_type: "urn:example:nonsense" }, 400, "unsupported_grant_type"],
      [{ grant_type: "client_credentials", audience: MANAGEMENT_AUDIENCE }, 400, "invalid_request"],
      [{ grant_type: "client_credentials", client_id: "a\u0000b", client_secret: "x", audience: MANAGEMENT_AUDIENCE }, 400, "invalid_request"],
    ])("bad request %j -> %i %s", async (form, status, error) => {
      const r = await token(form as Record<string, string>);
      expect(r.status).toBe(status);
      expect(r.body.error).toBe(error);
    });

    it("a body that is not JSON or a form: 400, not 500", async () => {
      const response = await appFetch(`${TEST_ISSUER}oauth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
      expect(response.status).toBe(400);
      const xml = await appFetch(`${TEST_ISSUER}oauth/token`, { method: "POST", headers: { "content-type": "text/xml" }, body: "<a/>" });
      expect(xml.status).toBe(400);
    });
  });

  it("logs every success and failure (seccft / feccft)", async () => {
    await token({ grant_type: "client_credentials", ...credentials, audience: MANAGEMENT_AUDIENCE });
    await token({ grant_type: "client_credentials", client_id: credentials.client_id, client_secret: "wrong", audience: MANAGEMENT_AUDIENCE });
    const { getDb } = await import("../../lib/db/client.ts");
    const db = await getDb();
    const events = await db.logEvent.findMany({ where: { client_id: credentials.client_id, type: { in: ["seccft", "feccft"] } } });
    expect(events.some((e) => e.type === "seccft" && e.audience === MANAGEMENT_AUDIENCE && e.ip === "203.0.113.7")).toBe(true);
    expect(events.some((e) => e.type === "feccft" && e.description === "Client authentication failed.")).toBe(true);
  });

  it("publishes current and next keys with kid, alg and use", async () => {
    const response = await call("GET", "/.well-known/jwks.json");
    const { keys } = (await response.json()) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", e: "AQAB" });
    const { access_token } = (await token({ grant_type: "client_credentials", ...credentials, audience: MANAGEMENT_AUDIENCE })).body as { access_token: string };
    expect(keys.map((k) => k.kid)).toContain(decodeProtectedHeader(access_token).kid);
  });

  it("publishes each key's self-signed certificate as x5c and x5t (RFC 7517 §4.7, §4.8), as Auth0 does", async () => {
    const response = await call("GET", "/.well-known/jwks.json");
    const { keys } = (await response.json()) as { keys: (JWK & { kid: string })[] };
    for (const key of keys) {
      expect(key.x5c).toEqual([expect.any(String)]);
      const encoded = key.x5c?.[0] ?? "";
      const der = Buffer.from(encoded, "base64");
      expect(der.toString("base64")).toBe(encoded); // base64 with padding, not base64url
      const certificate = new X509Certificate(der);
      expect(certificate.subject).toBe(`CN=${TEST_DOMAIN}`);
      expect(certificate.verify(certificate.publicKey)).toBe(true);
      // The key in the certificate MUST match the JWK's (RFC 7517 §4.7).
      const certified = certificate.publicKey.export({ format: "jwk" });
      expect({ n: certified.n, e: certified.e }).toEqual({ n: key.n, e: key.e });
      expect(key.x5t).toBe(createHash("sha1").update(der).digest("base64url"));
    }
  });
});
