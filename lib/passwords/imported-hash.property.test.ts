// Property tests of importPasswordHash (fast-check): whatever an import file holds, the function
// answers { ok } or { ok: false, code, message, path } and never throws (a bad record is an error
// entry, never a crashed job); what it accepts is a stored hash that verify-password.ts can read.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importPasswordHash } from "./imported-hash.ts";
import { BCRYPT_PATTERN, decodeStoredHash } from "./stored-hash.ts";

function checkResult(result: ReturnType<typeof importPasswordHash>) {
  if (result.ok) {
    if (result.hash !== null) expect(BCRYPT_PATTERN.test(result.hash) || decodeStoredHash(result.hash) !== null).toBe(true);
  } else {
    expect(result.code).toMatch(/^[A-Z0-9_]+$/);
    expect(result.message.startsWith(`${result.path}: `)).toBe(true);
  }
}

const encoding = fc.constantFrom("base64", "hex", "utf8", "latin1", undefined, 7);
const text = fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-f]{0,130}$/), fc.base64String(), fc.constant(""));
const encoded = fc.record({ value: fc.oneof(text, fc.integer()), encoding }, { requiredKeys: [] });

const customHash = fc.record(
  {
    algorithm: fc.constantFrom("argon2", "bcrypt", "hmac", "ldap", "md4", "md5", "sha1", "sha256", "sha512", "pbkdf2", "scrypt", "firebase-scrypt", "phc", "django", "keycloak", "crc32"),
    hash: fc.oneof(
      fc.record({ value: fc.oneof(text, fc.constantFrom("$argon2id$v=19$m=4096,t=2,p=1$c2FsdHNhbHQ$aGFzaA", "{SSHA}aGFzaGhhc2hoYXNoaGFzaGhhc2g=", "$pbkdf2-sha256$i=1,l=4$c2FsdA$aGFzaA")), encoding, digest: fc.constantFrom("sha1", "md4", "whirlpool", "mdc2", "x"), key: encoded }, { requiredKeys: [] }),
      text,
    ),
    salt: fc.oneof(fc.record({ value: text, encoding, position: fc.constantFrom("prefix", "suffix", "middle") }, { requiredKeys: [] }), text),
    password: fc.record({ encoding: fc.constantFrom("utf8", "utf16le", "latin1", "ebcdic") }, { requiredKeys: [] }),
    keylen: fc.oneof(fc.integer({ min: -2, max: 70 }), fc.double()),
    cost: fc.oneof(fc.integer({ min: 0, max: 70000 }), fc.constant(16384)),
    blockSize: fc.integer({ min: -1, max: 10 }),
    signer_key: fc.oneof(text, encoded),
    salt_separator: fc.oneof(text, encoded),
    rounds: fc.integer({ min: 0, max: 9 }),
    mem_cost: fc.integer({ min: 0, max: 15 }),
    salt_prefix: text,
    encoding,
  },
  { requiredKeys: [] },
);

describe("importPasswordHash never throws", () => {
  it("on any value in any field", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (a, b, c) => {
        for (const record of [{ password_hash: a }, { custom_password_hash: b }, { passwordHash: c }, { password_hash: a, custom_password_hash: b }]) checkResult(importPasswordHash(record));
      }),
      { numRuns: 500 },
    );
  });

  it("on near-valid custom_password_hash objects", () => {
    fc.assert(fc.property(customHash, (custom) => checkResult(importPasswordHash({ custom_password_hash: custom }))), { numRuns: 3000 });
  });

  it("on near-valid self-describing strings", () => {
    const prefix = fc.constantFrom("$argon2id$", "$argon2i$v=19$", "$scrypt$", "$pbkdf2-sha256$", "$pbkdf2$", "pbkdf2_sha256$", "argon2$argon2id$", "scrypt$", "md5$", "{SSHA}", "{CRYPT}", "$2b$10$", "$gh-custom$", '{"secretData":');
    fc.assert(fc.property(prefix, fc.string(), (p, rest) => checkResult(importPasswordHash({ password_hash: p + rest }))), { numRuns: 3000 });
  });
});
