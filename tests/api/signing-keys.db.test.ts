import { X509Certificate } from "node:crypto";
import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { managementToken } from "../helpers/tokens.ts";

async function api(method: string, path: string, token: string) {
  const response = await call(method, `/api/v2${path}`, { token });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function jwksKids(): Promise<string[]> {
  const response = await call("GET", "/.well-known/jwks.json");
  return ((await response.json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
}

describe("/api/v2/keys/signing", () => {
  it("lists current and next keys with certificates, never private material", async () => {
    const token = await managementToken();
    const r = await api("GET", "/keys/signing", token);
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body)).toBe(true);
    const current = r.body.find((k: { current: boolean }) => k.current);
    expect(r.body.some((k: { next: boolean }) => k.next)).toBe(true);
    const cert = new X509Certificate(current.cert);
    expect(cert.fingerprint).toBe(current.fingerprint);
    expect(current.thumbprint).toBe(current.fingerprint.replaceAll(":", ""));
    expect(JSON.stringify(r.body)).not.toMatch(/"d"|private|"p":|"q":/);
    const one = await api("GET", `/keys/signing/${encodeURIComponent(current.kid)}`, token);
    expect(one.body).toEqual(current);
    expect((await api("GET", "/keys/signing/nope", token)).status).toBe(404);
  });

  it("rotates: next becomes current, old tokens keep verifying until the previous key is revoked", async () => {
    const token = await managementToken();
    const before = await api("GET", "/keys/signing", token);
    const oldCurrent = before.body.find((k: { current: boolean }) => k.current).kid;
    const oldNext = before.body.find((k: { next: boolean }) => k.next).kid;
    expect(decodeProtectedHeader(token).kid).toBe(oldCurrent);

    const rotated = await api("POST", "/keys/signing/rotate", token);
    expect(rotated.status).toBe(201);
    expect(rotated.body.kid).toBe(oldNext);
    expect(rotated.body.cert).toMatch(/^-----BEGIN CERTIFICATE-----/);

    const kids = await jwksKids();
    expect(kids).toContain(oldCurrent);
    expect(kids).toContain(oldNext);
    expect(kids).toHaveLength(3);

    const fresh = await managementToken();
    expect(decodeProtectedHeader(fresh).kid).toBe(oldNext);
    expect((await api("GET", "/keys/signing", token)).status).toBe(200);

    expect((await api("PUT", `/keys/signing/${encodeURIComponent(oldNext)}/revoke`, fresh)).status).toBe(400);
    const revoked = await api("PUT", `/keys/signing/${encodeURIComponent(oldCurrent)}/revoke`, fresh);
    expect(revoked.status).toBe(200);
    expect(revoked.body.kid).toBe(oldCurrent);
    expect(await jwksKids()).not.toContain(oldCurrent);
    expect((await api("GET", "/keys/signing", token)).status).toBe(401);
    expect((await api("GET", "/keys/signing", fresh)).status).toBe(200);
  });

  it("rotation needs both create:signing_keys and update:signing_keys", async () => {
    const token = await managementToken("update:signing_keys");
    const r = await api("POST", "/keys/signing/rotate", token);
    expect(r.status).toBe(403);
    expect(r.body.message).toBe("Insufficient scope, expected all of: create:signing_keys,update:signing_keys");
  });
});
