import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, X509Certificate, type KeyObject } from "node:crypto";
import { exportJWK, generateKeyPair, importX509, jwtVerify, SignJWT, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { certificateThumbprints, createSelfSignedCertificate } from "./self-signed-certificate.ts";

type RsaPair = { publicKey: KeyObject; privateKey: KeyObject; publicJwk: JWK };

/** A key pair made the way generate-signing-key.ts makes one: jose, then KeyObjects from the JWKs. */
async function rsaPair(): Promise<RsaPair> {
  const pair = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(pair.publicKey);
  const privateJwk = await exportJWK(pair.privateKey);
  return {
    publicKey: createPublicKey({ key: publicJwk, format: "jwk" }),
    privateKey: createPrivateKey({ key: privateJwk, format: "jwk" }),
    publicJwk,
  };
}

const NOW = new Date("2025-06-15T12:34:56.789Z");

describe("createSelfSignedCertificate", () => {
  let key: RsaPair;
  let other: RsaPair;
  let x509: X509Certificate;
  let der: Buffer;
  let pem: string;

  beforeAll(async () => {
    [key, other] = await Promise.all([rsaPair(), rsaPair()]);
    ({ der, pem } = createSelfSignedCertificate({ ...key, commonName: "gatehouse.test", now: NOW }));
    x509 = new X509Certificate(pem);
  });

  it("is a PEM certificate that Node parses, and whose DER is ours unchanged", () => {
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n(?:[A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/);
    expect(x509.raw.equals(der)).toBe(true);
  });

  it("is signed by its own key, and carries that key", async () => {
    expect(x509.verify(key.publicKey)).toBe(true);
    expect(x509.checkPrivateKey(key.privateKey)).toBe(true);
    const jwk = x509.publicKey.export({ format: "jwk" });
    expect({ n: jwk.n, e: jwk.e }).toEqual({ n: key.publicJwk.n, e: key.publicJwk.e });
  });

  it("does not verify with another key", () => {
    expect(x509.verify(other.publicKey)).toBe(false);
    expect(x509.checkPrivateKey(other.privateKey)).toBe(false);
  });

  it("names CN=<common name> as subject and issuer, and is no CA", () => {
    expect(x509.subject).toBe("CN=gatehouse.test");
    expect(x509.issuer).toBe("CN=gatehouse.test");
    expect(x509.ca).toBe(false);
  });

  it("is valid from 5 minutes before now to 10 years after (whole seconds)", () => {
    expect(new Date(x509.validFrom).toISOString()).toBe("2025-06-15T12:29:56.000Z");
    expect(new Date(x509.validTo).toISOString()).toBe("2035-06-15T12:34:56.000Z");
    // RFC 5280 §4.1.2.5: both before 2050, so both UTCTime (tag 0x17).
    expect(der.includes(Buffer.from("\x17\x0d250615122956Z", "latin1"))).toBe(true);
    expect(der.includes(Buffer.from("\x17\x0d350615123456Z", "latin1"))).toBe(true);
  });

  it("switches to GeneralizedTime for dates in 2050 and later (RFC 5280 §4.1.2.5)", () => {
    const late = createSelfSignedCertificate({ ...key, commonName: "gatehouse.test", now: new Date("2045-01-01T00:02:00Z") });
    expect(late.der.includes(Buffer.from("\x17\x0d441231235700Z", "latin1"))).toBe(true);
    expect(late.der.includes(Buffer.from("\x18\x0f20550101000200Z", "latin1"))).toBe(true);
    const parsed = new X509Certificate(late.der);
    expect(new Date(parsed.validFrom).toISOString()).toBe("2044-12-31T23:57:00.000Z");
    expect(new Date(parsed.validTo).toISOString()).toBe("2055-01-01T00:02:00.000Z");
  });

  it("has a random, positive 16-octet serial number (RFC 5280 §4.1.2.2)", () => {
    const serials = new Set(
      Array.from({ length: 5 }, () => new X509Certificate(createSelfSignedCertificate({ ...key, commonName: "gatehouse.test" }).der).serialNumber),
    );
    expect(serials.size).toBe(5);
    for (const serial of [...serials, x509.serialNumber]) expect(serial).toMatch(/^[4-7][0-9A-F]{31}$/);
  });

  it("defaults now to the current time", () => {
    const before = Date.now();
    const fresh = new X509Certificate(createSelfSignedCertificate({ ...key, commonName: "gatehouse.test" }).pem);
    const validFrom = new Date(fresh.validFrom).getTime();
    expect(validFrom).toBeGreaterThan(before - 5 * 60_000 - 1_000);
    expect(validFrom).toBeLessThanOrEqual(Date.now() - 5 * 60_000);
  });

  it("is imported by jose's importX509, which yields the same key and verifies its JWTs", async () => {
    const imported = await importX509(pem, "RS256", { extractable: true });
    const jwk = await exportJWK(imported);
    expect({ kty: jwk.kty, n: jwk.n, e: jwk.e }).toEqual({ kty: "RSA", n: key.publicJwk.n, e: key.publicJwk.e });
    const jwt = await new SignJWT({ sub: "user" }).setProtectedHeader({ alg: "RS256" }).sign(key.privateKey);
    await expect(jwtVerify(jwt, imported)).resolves.toMatchObject({ payload: { sub: "user" } });
  });

  it("encodes a non-ASCII common name as UTF-8", () => {
    const { pem: unicode } = createSelfSignedCertificate({ ...key, commonName: "bücher.example" });
    expect(new X509Certificate(unicode).subject).toBe("CN=bücher.example");
  });

  describe("refuses", () => {
    const ecKey = generateKeyPairSync("ec", { namedCurve: "P-256" });
    it.each<[string, () => unknown, ErrorConstructor]>([
      ["an empty common name", () => createSelfSignedCertificate({ ...key, commonName: "" }), RangeError],
      ["a common name over 64 characters", () => createSelfSignedCertificate({ ...key, commonName: "a".repeat(65) }), RangeError],
      ["an invalid date", () => createSelfSignedCertificate({ ...key, commonName: "x", now: new Date(Number.NaN) }), RangeError],
      ["a non-RSA key", () => createSelfSignedCertificate({ ...ecKey, commonName: "x" }), TypeError],
      ["keys swapped", () => createSelfSignedCertificate({ publicKey: key.privateKey, privateKey: key.publicKey, commonName: "x" }), TypeError],
      ["keys that are not a pair", () => createSelfSignedCertificate({ publicKey: other.publicKey, privateKey: key.privateKey, commonName: "x" }), Error],
    ])("%s", (_name, create, errorType) => {
      expect(create).toThrow(errorType);
    });

    it("accepts a common name of exactly 64 characters", () => {
      expect(new X509Certificate(createSelfSignedCertificate({ ...key, commonName: "a".repeat(64) }).pem).subject).toBe(`CN=${"a".repeat(64)}`);
    });
  });
});

describe("certificateThumbprints", () => {
  let der: Buffer;
  let x509: X509Certificate;

  beforeAll(async () => {
    const key = await rsaPair();
    der = createSelfSignedCertificate({ ...key, commonName: "gatehouse.test" }).der;
    x509 = new X509Certificate(der);
  });

  it("fingerprint is SHA-1 in Node's (and Auth0's) format: upper-case hex pairs joined by ':'", () => {
    const { fingerprint } = certificateThumbprints(der);
    expect(fingerprint).toMatch(/^(?:[0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    expect(fingerprint).toBe(x509.fingerprint);
  });

  it("thumbprint is the same SHA-1 without separators; x5t its base64url (RFC 7517 §4.8)", () => {
    const { thumbprint, x5t } = certificateThumbprints(der);
    expect(thumbprint).toBe(x509.fingerprint.replaceAll(":", ""));
    expect(x5t).toBe(Buffer.from(thumbprint, "hex").toString("base64url"));
    expect(x5t).toBe(createHash("sha1").update(der).digest("base64url"));
  });

  it("x5tS256 is the base64url SHA-256 (RFC 7517 §4.9)", () => {
    const { x5tS256 } = certificateThumbprints(der);
    expect(x5tS256).toBe(Buffer.from(x509.fingerprint256.replaceAll(":", ""), "hex").toString("base64url"));
  });
});
