// Attacks on the Management API's bearer-token check (issue: foundation, "Attack tests").
import { generateKeyPair, SignJWT, UnsecuredJWT, decodeJwt, exportJWK } from "jose";
import { describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { managementToken, MANAGEMENT_AUDIENCE } from "../helpers/tokens.ts";
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_ISSUER } from "../setup/test-env.ts";

async function status(token: string | undefined, path = "/api/v2/clients") {
  const response = await call("GET", path, { token });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function claims(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: TEST_ISSUER,
    sub: `${TEST_BOOTSTRAP_CLIENT_ID}@clients`,
    aud: MANAGEMENT_AUDIENCE,
    azp: TEST_BOOTSTRAP_CLIENT_ID,
    iat: now,
    exp: now + 3600,
    scope: "read:clients",
    gty: "client-credentials",
    ...overrides,
  };
}

describe("Management API authentication", () => {
  it("accepts a token from /oauth/token", async () => {
    expect((await status(await managementToken())).status).toBe(200);
  });

  it("no token: 401 with Auth0's body (attributes.error, no errorCode)", async () => {
    const r = await status(undefined);
    expect(r).toEqual({
      status: 401,
      body: { statusCode: 401, error: "Unauthorized", message: "Missing authentication", attributes: { error: "Missing authentication" } },
    });
  });

  it("a token signed by a foreign key with our kid: 401", async () => {
    const real = await managementToken();
    const { kid } = JSON.parse(Buffer.from(real.split(".")[0]!, "base64url").toString());
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(claims({ scope: "read:clients delete:clients" })).setProtectedHeader({ alg: "RS256", kid }).sign(privateKey);
    const r = await status(forged);
    expect(r.status).toBe(401);
    expect(r.body.message).toBe("Invalid signature received for JSON Web Token validation.");
  });

  it("a token signed by a foreign key with an unknown kid: 401", async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(claims()).setProtectedHeader({ alg: "RS256", kid: "attacker" }).sign(privateKey);
    expect((await status(forged)).status).toBe(401);
    // and with the attacker's key embedded in the header (jwk header injection)
    const withJwk = await new SignJWT(claims()).setProtectedHeader({ alg: "RS256", jwk: await exportJWK(publicKey) }).sign(privateKey);
    expect((await status(withJwk)).status).toBe(401);
  });

  it("alg: none: 401", async () => {
    const unsecured = new UnsecuredJWT(claims({ scope: "read:clients" })).encode();
    const r = await status(unsecured);
    expect(r.status).toBe(401);
  });

  it("HS256 signed with the public key or anything else: 401", async () => {
    const hs = await new SignJWT(claims()).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("x".repeat(32)));
    expect((await status(hs)).status).toBe(401);
  });

  it("an expired token: 401 'Expired token received for JSON Web Token validation'", async () => {
    const { getDb } = await import("../../lib/db/client.ts");
    const { signJwt } = await import("../../lib/oidc/tokens/sign-jwt.ts");
    const now = Math.floor(Date.now() / 1000);
    const expired = await signJwt(await getDb(), claims({ iat: now - 7200, exp: now - 3600 }), { alg: "RS256" });
    const r = await status(expired);
    expect(r.status).toBe(401);
    expect(r.body.message).toBe("Expired token received for JSON Web Token validation");
  });

  it("a token of ours for another audience: 401", async () => {
    const { getDb } = await import("../../lib/db/client.ts");
    const { signJwt } = await import("../../lib/oidc/tokens/sign-jwt.ts");
    const other = await signJwt(await getDb(), claims({ aud: "https://api.example.com/" }), { alg: "RS256" });
    const r = await status(other);
    expect(r.status).toBe(401);
    expect(r.body.message).toBe("Bad audience: https://api.example.com/");
  });

  it("a token of ours from another issuer: 401", async () => {
    const { getDb } = await import("../../lib/db/client.ts");
    const { signJwt } = await import("../../lib/oidc/tokens/sign-jwt.ts");
    const other = await signJwt(await getDb(), claims({ iss: "https://evil.example/" }), { alg: "RS256" });
    expect((await status(other)).status).toBe(401);
  });

  it("a tampered payload: 401", async () => {
    const real = await managementToken("read:clients");
    const [h, , s] = real.split(".");
    const payload = Buffer.from(JSON.stringify({ ...decodeJwt(real), scope: "read:clients delete:clients" })).toString("base64url");
    expect((await status(`${h}.${payload}.${s}`)).status).toBe(401);
  });

  it("a scope that was not granted to the token: 403 insufficient_scope", async () => {
    const token = await managementToken("read:logs");
    const r = await status(token);
    expect(r).toEqual({
      status: 403,
      body: { statusCode: 403, error: "Forbidden", message: "Insufficient scope, expected any of: read:clients,read:client_keys", errorCode: "insufficient_scope" },
    });
  });

  it("garbage in the Authorization header: 401, never 500", async () => {
    for (const header of ["Bearer", "Bearer a.b.c", "Basic abc", "Bearer ....", `Bearer ${"A".repeat(5000)}`]) {
      const response = await call("GET", "/api/v2/clients", { headers: { authorization: header } });
      expect(response.status, header).toBe(401);
    }
  });
});
