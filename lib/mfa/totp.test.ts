// TOTP against the test vectors of RFC 6238 Appendix B (SHA-1, SHA-256, SHA-512; 8 digits) and
// RFC 4226 Appendix D (HOTP), base32 against RFC 4648 §10, and the acceptance window and replay
// rule of verifyTotp.
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, generateTotpSecret, hotp, otpauthUri, totp, totpStep, verifyTotp, type TotpAlgorithm } from "./totp.ts";

const seeds: Record<TotpAlgorithm, Buffer> = {
  sha1: Buffer.from("12345678901234567890"),
  sha256: Buffer.from("12345678901234567890123456789012"),
  sha512: Buffer.from("1234567890123456789012345678901234567890123456789012345678901234"),
};

// RFC 6238 Appendix B: time (s), algorithm, TOTP (8 digits).
const RFC6238: [number, TotpAlgorithm, string][] = [
  [59, "sha1", "94287082"], [59, "sha256", "46119246"], [59, "sha512", "90693936"],
  [1111111109, "sha1", "07081804"], [1111111109, "sha256", "68084774"], [1111111109, "sha512", "25091201"],
  [1111111111, "sha1", "14050471"], [1111111111, "sha256", "67062674"], [1111111111, "sha512", "99943326"],
  [1234567890, "sha1", "89005924"], [1234567890, "sha256", "91819424"], [1234567890, "sha512", "93441116"],
  [2000000000, "sha1", "69279037"], [2000000000, "sha256", "90698825"], [2000000000, "sha512", "38618901"],
  [20000000000, "sha1", "65353130"], [20000000000, "sha256", "77737706"], [20000000000, "sha512", "47863826"],
];

describe("totp (RFC 6238 Appendix B)", () => {
  it.each(RFC6238)("T=%i %s → %s", (seconds, algorithm, code) => {
    expect(totp(seeds[algorithm], seconds * 1000, { digits: 8, algorithm })).toBe(code);
  });

  it("steps are 30 s from the epoch", () => {
    expect(totpStep(59_000)).toBe(1);
    expect(totpStep(1111111109_000)).toBe(0x23523ec);
    expect(totpStep(20000000000_000)).toBe(0x27bc86aa);
  });
});

describe("hotp (RFC 4226 Appendix D)", () => {
  const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
  it.each(expected.map((code, counter) => [counter, code] as const))("counter %i → %s", (counter, code) => {
    expect(hotp(seeds.sha1, counter)).toBe(code);
  });
});

describe("base32 (RFC 4648 §10)", () => {
  const vectors: [string, string][] = [["", ""], ["f", "MY"], ["fo", "MZXQ"], ["foo", "MZXW6"], ["foob", "MZXW6YQ"], ["fooba", "MZXW6YTB"], ["foobar", "MZXW6YTBOI"]];
  it.each(vectors)("%j ↔ %s", (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded)?.toString()).toBe(plain);
  });

  it("decodes lower case, spaces, dashes and padding; refuses other characters", () => {
    expect(base32Decode("mzxw 6ytb-oi======")?.toString()).toBe("foobar");
    expect(base32Decode("MZXW1")).toBeNull();
  });

  it("new secrets are 160 bits: 32 base32 characters, each different", () => {
    const a = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(a);
  });
});

describe("verifyTotp", () => {
  const key = seeds.sha1;
  const now = 1_700_000_000_000;
  const step = totpStep(now);
  const codeAt = (offset: number) => hotp(key, step + offset);

  it("accepts the current step and one either side, and answers which step matched", () => {
    expect(verifyTotp(key, codeAt(0), { timeMs: now })).toBe(step);
    expect(verifyTotp(key, codeAt(-1), { timeMs: now })).toBe(step - 1);
    expect(verifyTotp(key, codeAt(1), { timeMs: now })).toBe(step + 1);
  });

  it("refuses codes two steps away, malformed codes, and other keys' codes", () => {
    expect(verifyTotp(key, codeAt(-2), { timeMs: now })).toBeNull();
    expect(verifyTotp(key, codeAt(2), { timeMs: now })).toBeNull();
    expect(verifyTotp(key, "12345", { timeMs: now })).toBeNull();
    expect(verifyTotp(key, "abcdef", { timeMs: now })).toBeNull();
    expect(verifyTotp(seeds.sha256, codeAt(0), { timeMs: now })).toBeNull();
  });

  it("replay: a step at or before the last one used is refused", () => {
    expect(verifyTotp(key, codeAt(0), { timeMs: now, lastUsedStep: step })).toBeNull();
    expect(verifyTotp(key, codeAt(-1), { timeMs: now, lastUsedStep: step - 1 })).toBeNull();
    expect(verifyTotp(key, codeAt(1), { timeMs: now, lastUsedStep: step })).toBe(step + 1);
  });

  it("tolerates spaces inside the code (\"123 456\")", () => {
    const code = codeAt(0);
    expect(verifyTotp(key, `${code.slice(0, 3)} ${code.slice(3)}`, { timeMs: now })).toBe(step);
  });
});

describe("otpauthUri", () => {
  it("builds the Key Uri Format with issuer label and parameters", () => {
    const uri = otpauthUri({ secret: "JBSWY3DPEHPK3PXP", issuer: "Acme: Corp", account: "ann@example.com" });
    expect(uri).toBe("otpauth://totp/Acme%20Corp:ann%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%3A%20Corp&algorithm=SHA1&digits=6&period=30");
  });
});
