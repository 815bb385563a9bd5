// importPasswordHash's validation: what it stores for each shape, and a specific code and path for
// every kind of bad hash (the import job reports them per record).
import { createHash, pbkdf2Sync, randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { importPasswordHash, type ImportPasswordHashRecord } from "./imported-hash.ts";
import { decodeStoredHash } from "./stored-hash.ts";

const BCRYPT = bcrypt.hashSync("secret", 4);
const MD5_HEX = createHash("md5").update("secret").digest("hex");
const b64nopad = (b: Uint8Array) => Buffer.from(b).toString("base64").replace(/=+$/, "");
const SALT16 = b64nopad(randomBytes(16));
const KEY32 = b64nopad(randomBytes(32));
const custom = (c: unknown): ImportPasswordHashRecord => ({ custom_password_hash: c });
const md5 = (extra: Record<string, unknown> = {}, hash: Record<string, unknown> = {}) => custom({ algorithm: "md5", hash: { value: MD5_HEX, encoding: "hex", ...hash }, ...extra });
const hmac = (hash: Record<string, unknown>) => custom({ algorithm: "hmac", hash: { value: createHash("sha1").update("x").digest("hex"), encoding: "hex", ...hash } });
const scrypt = (extra: Record<string, unknown>) => custom({ algorithm: "scrypt", hash: { value: "00".repeat(32), encoding: "hex" }, ...extra });
const firebase = (extra: Record<string, unknown>) =>
  custom({ algorithm: "firebase-scrypt", hash: { value: b64nopad(randomBytes(64)) }, salt: { value: "c2FsdA==" }, signer_key: b64nopad(randomBytes(64)), salt_separator: "Bw==", rounds: 8, mem_cost: 14, ...extra });
const keycloak = (secret: unknown, data: unknown): ImportPasswordHashRecord => ({ password_hash: { secretData: secret, credentialData: data } });
const kcSecret = JSON.stringify({ value: KEY32, salt: SALT16 });

describe("importPasswordHash: what is stored", () => {
  it("no password is null; null fields count as absent", () => {
    expect(importPasswordHash({})).toEqual({ ok: true, hash: null });
    expect(importPasswordHash({ password_hash: null, custom_password_hash: null })).toEqual({ ok: true, hash: null });
  });

  it("bcrypt stays a plain bcrypt string (password_hash, passwordHash, custom bcrypt without salt)", () => {
    expect(importPasswordHash({ password_hash: BCRYPT })).toEqual({ ok: true, hash: BCRYPT });
    expect(importPasswordHash({ passwordHash: BCRYPT })).toEqual({ ok: true, hash: BCRYPT });
    expect(importPasswordHash(custom({ algorithm: "bcrypt", hash: { value: BCRYPT, encoding: "utf8" } }))).toEqual({ ok: true, hash: BCRYPT });
  });

  it("other formats become $gh-custom$ + base64url JSON descriptors, stable for equal input", () => {
    const record = md5({ salt: { value: "NaCl", position: "suffix" }, password: { encoding: "latin1" } });
    const first = importPasswordHash(record);
    expect(first.ok && first.hash).toMatch(/^\$gh-custom\$[A-Za-z0-9_-]+$/);
    expect(importPasswordHash(record)).toEqual(first);
    const hash = (first as { hash: string }).hash;
    expect(JSON.parse(Buffer.from(hash.slice("$gh-custom$".length), "base64url").toString())).toEqual({
      algorithm: "digest",
      digest: "md5",
      hash: Buffer.from(MD5_HEX, "hex").toString("base64url"),
      salt: Buffer.from("NaCl").toString("base64url"),
      saltPosition: "suffix",
      passwordEncoding: "latin1",
    });
  });

  it("normalizes LDAP {SSHA} to a sha1 digest with a suffix salt, and Django pbkdf2 to pbkdf2", () => {
    const salt = Buffer.from("0123");
    const digest = createHash("sha1").update("secret").update(salt).digest();
    const ldap = importPasswordHash(custom({ algorithm: "ldap", hash: { value: `{SSHA}${Buffer.concat([digest, salt]).toString("base64")}`, encoding: "utf8" } }));
    expect(decodeStoredHash((ldap as { hash: string }).hash)).toEqual({ algorithm: "digest", digest: "sha1", hash: digest.toString("base64url"), salt: salt.toString("base64url"), saltPosition: "suffix" });
    const key = pbkdf2Sync("secret", "abc", 10, 32, "sha256");
    const django = importPasswordHash({ password_hash: `pbkdf2_sha256$10$abc$${key.toString("base64")}` });
    expect(decodeStoredHash((django as { hash: string }).hash)).toEqual({ algorithm: "pbkdf2", digest: "sha256", iterations: 10, salt: Buffer.from("abc").toString("base64url"), hash: key.toString("base64url") });
  });

  it("argon2 PHC keeps its variant, version and costs", () => {
    const result = importPasswordHash({ password_hash: `$argon2id$v=19$m=65536,t=2,p=1$${SALT16}$${KEY32}` });
    expect(decodeStoredHash((result as { hash: string }).hash)).toMatchObject({ algorithm: "argon2", variant: "argon2id", version: 19, memory: 65536, iterations: 2, parallelism: 1 });
  });
});

describe("importPasswordHash: errors name the field and what is wrong", () => {
  const cases: [name: string, record: ImportPasswordHashRecord, code: string, path: string][] = [
    ["both password fields", { password_hash: BCRYPT, custom_password_hash: { algorithm: "md5" } }, "PASSWORD_HASH_CONFLICT", "custom_password_hash"],
    ["password_hash and passwordHash", { password_hash: BCRYPT, passwordHash: BCRYPT }, "PASSWORD_HASH_CONFLICT", "passwordHash"],
    ["password_hash not a string", { password_hash: 42 }, "PASSWORD_HASH_INVALID_TYPE", "password_hash"],
    ["bcrypt $2x$", { password_hash: BCRYPT.replace("$2b$", "$2x$") }, "BCRYPT_HASH_INVALID", "password_hash"],
    ["bcrypt truncated", { password_hash: BCRYPT.slice(0, 40) }, "BCRYPT_HASH_INVALID", "password_hash"],
    ["plain text", { password_hash: "hunter2" }, "PASSWORD_HASH_UNRECOGNIZED", "password_hash"],
    ["corrupt $gh-custom$", { password_hash: "$gh-custom$e30" }, "GATEHOUSE_HASH_INVALID", "password_hash"],
    ["passwordHash not bcrypt-like", { passwordHash: "$2$10$abc" }, "BCRYPT_HASH_INVALID", "passwordHash"],
    ["custom not an object", custom("md5:abc"), "CUSTOM_HASH_INVALID_TYPE", "custom_password_hash"],
    ["custom without algorithm", custom({ hash: { value: MD5_HEX } }), "CUSTOM_HASH_ALGORITHM_MISSING", "custom_password_hash.algorithm"],
    ["custom unknown algorithm", custom({ algorithm: "crc32", hash: { value: "00" } }), "CUSTOM_HASH_ALGORITHM_UNSUPPORTED", "custom_password_hash.algorithm"],
    ["custom unknown property", md5({ rounds: 3 }), "CUSTOM_HASH_UNKNOWN_PROPERTY", "custom_password_hash.rounds"],
    ["keylen on md5", md5({ keylen: 16 }), "CUSTOM_HASH_UNKNOWN_PROPERTY", "custom_password_hash.keylen"],
    ["no hash", custom({ algorithm: "md5" }), "HASH_MISSING", "custom_password_hash.hash"],
    ["hash not an object", custom({ algorithm: "md5", hash: 5 }), "HASH_INVALID_TYPE", "custom_password_hash.hash"],
    ["hash without value", custom({ algorithm: "md5", hash: { encoding: "hex" } }), "HASH_VALUE_MISSING", "custom_password_hash.hash.value"],
    ["hash unknown property", md5({}, { iterations: 2 }), "HASH_UNKNOWN_PROPERTY", "custom_password_hash.hash.iterations"],
    ["md5 with utf8 encoding", md5({}, { encoding: "utf8" }), "HASH_ENCODING_INVALID", "custom_password_hash.hash.encoding"],
    ["md5 with no encoding (utf8 by default)", custom({ algorithm: "md5", hash: { value: MD5_HEX } }), "HASH_ENCODING_INVALID", "custom_password_hash.hash.encoding"],
    ["unknown encoding", md5({}, { encoding: "base32" }), "HASH_ENCODING_INVALID", "custom_password_hash.hash.encoding"],
    ["hex that is not hex", md5({}, { value: "zz".repeat(16) }), "HASH_VALUE_MALFORMED", "custom_password_hash.hash.value"],
    ["base64 that is not base64", md5({}, { value: "!!!!", encoding: "base64" }), "HASH_VALUE_MALFORMED", "custom_password_hash.hash.value"],
    ["md5 of the wrong length", md5({}, { value: "abcd" }), "HASH_LENGTH_INVALID", "custom_password_hash.hash.value"],
    ["sha512 of sha256 length", custom({ algorithm: "sha512", hash: { value: "ab".repeat(32), encoding: "hex" } }), "HASH_LENGTH_INVALID", "custom_password_hash.hash.value"],
    ["digest on md5", md5({}, { digest: "sha1" }), "HASH_DIGEST_NOT_ALLOWED", "custom_password_hash.hash.digest"],
    ["key on sha1", custom({ algorithm: "sha1", hash: { value: "ab".repeat(20), encoding: "hex", key: { value: "k" } } }), "HASH_KEY_NOT_ALLOWED", "custom_password_hash.hash.key"],
    ["salt position middle", md5({ salt: { value: "x", position: "middle" } }), "SALT_POSITION_INVALID", "custom_password_hash.salt.position"],
    ["salt encoding rot13", md5({ salt: { value: "x", encoding: "rot13" } }), "SALT_ENCODING_INVALID", "custom_password_hash.salt.encoding"],
    ["salt hex malformed", md5({ salt: { value: "xyz", encoding: "hex" } }), "SALT_VALUE_MALFORMED", "custom_password_hash.salt.value"],
    ["salt without value", md5({ salt: { position: "prefix" } }), "SALT_VALUE_MISSING", "custom_password_hash.salt.value"],
    ["salt not an object", md5({ salt: "x" }), "SALT_INVALID_TYPE", "custom_password_hash.salt"],
    ["salt unknown property", md5({ salt: { value: "x", length: 1 } }), "SALT_UNKNOWN_PROPERTY", "custom_password_hash.salt.length"],
    ["password encoding utf32", md5({ password: { encoding: "utf32" } }), "PASSWORD_ENCODING_INVALID", "custom_password_hash.password.encoding"],
    ["password not an object", md5({ password: "utf8" }), "PASSWORD_INVALID_TYPE", "custom_password_hash.password"],
    ["bcrypt $2x$ in custom", custom({ algorithm: "bcrypt", hash: { value: BCRYPT.replace("$2b$", "$2x$"), encoding: "utf8" } }), "BCRYPT_HASH_INVALID", "custom_password_hash.hash.value"],
    ["bcrypt with hex encoding", custom({ algorithm: "bcrypt", hash: { value: BCRYPT, encoding: "hex" } }), "HASH_ENCODING_INVALID", "custom_password_hash.hash.encoding"],
    ["argon2 with a salt", custom({ algorithm: "argon2", hash: { value: `$argon2id$v=19$m=4096,t=2,p=1$${SALT16}$${KEY32}`, encoding: "utf8" }, salt: { value: "x" } }), "SALT_NOT_ALLOWED", "custom_password_hash.salt"],
    ["argon2 not PHC", custom({ algorithm: "argon2", hash: { value: "argon2:abc", encoding: "utf8" } }), "ARGON2_HASH_INVALID", "custom_password_hash.hash.value"],
    ["argon2 v=20", { password_hash: `$argon2id$v=20$m=4096,t=2,p=1$${SALT16}$${KEY32}` }, "ARGON2_VERSION_UNSUPPORTED", "password_hash"],
    ["argon2 memory over 1 GiB", { password_hash: `$argon2id$v=19$m=2097152,t=2,p=1$${SALT16}$${KEY32}` }, "ARGON2_PARAMETER_INVALID", "password_hash"],
    ["argon2 without t", { password_hash: `$argon2id$v=19$m=4096,p=1$${SALT16}$${KEY32}` }, "ARGON2_PARAMETER_INVALID", "password_hash"],
    ["argon2 associated data", { password_hash: `$argon2id$v=19$m=4096,t=2,p=1,data=YWQ$${SALT16}$${KEY32}` }, "ARGON2_PARAMETER_UNSUPPORTED", "password_hash"],
    ["argon2 short salt", { password_hash: `$argon2id$v=19$m=4096,t=2,p=1$YWJj$${KEY32}` }, "ARGON2_SALT_INVALID", "password_hash"],
    ["argon2 missing hash", { password_hash: `$argon2id$v=19$m=4096,t=2,p=1$${SALT16}` }, "PHC_MALFORMED", "password_hash"],
    ["ldap with a salt", custom({ algorithm: "ldap", hash: { value: "{SHA}abc=", encoding: "utf8" }, salt: { value: "x" } }), "SALT_NOT_ALLOWED", "custom_password_hash.salt"],
    ["ldap {CRYPT}", custom({ algorithm: "ldap", hash: { value: "{CRYPT}$1$abc", encoding: "utf8" } }), "LDAP_SCHEME_UNSUPPORTED", "custom_password_hash.hash.value"],
    ["ldap without scheme", custom({ algorithm: "ldap", hash: { value: "abc", encoding: "utf8" } }), "LDAP_HASH_MALFORMED", "custom_password_hash.hash.value"],
    ["ldap {SSHA} without salt bytes", custom({ algorithm: "ldap", hash: { value: `{SSHA}${createHash("sha1").update("x").digest("base64")}`, encoding: "utf8" } }), "LDAP_HASH_LENGTH_INVALID", "custom_password_hash.hash.value"],
    ["hmac without digest", hmac({ key: { value: "k" } }), "HMAC_DIGEST_MISSING", "custom_password_hash.hash.digest"],
    ["hmac unknown digest", hmac({ digest: "crc32", key: { value: "k" } }), "HMAC_DIGEST_UNSUPPORTED", "custom_password_hash.hash.digest"],
    ["hmac mdc2", hmac({ digest: "mdc2", key: { value: "k" } }), "HMAC_DIGEST_UNSUPPORTED", "custom_password_hash.hash.digest"],
    ["hmac without key", hmac({ digest: "sha1" }), "HMAC_KEY_MISSING", "custom_password_hash.hash.key"],
    ["hmac key malformed", hmac({ digest: "sha1", key: { value: "xyz", encoding: "hex" } }), "HMAC_KEY_VALUE_MALFORMED", "custom_password_hash.hash.key.value"],
    ["hmac key encoding", hmac({ digest: "sha1", key: { value: "k", encoding: "latin1" } }), "HMAC_KEY_ENCODING_INVALID", "custom_password_hash.hash.key.encoding"],
    ["hmac digest length", hmac({ digest: "sha256", key: { value: "k" } }), "HASH_LENGTH_INVALID", "custom_password_hash.hash.value"],
    ["scrypt without keylen", scrypt({}), "SCRYPT_KEYLEN_MISSING", "custom_password_hash.keylen"],
    ["scrypt keylen 0", scrypt({ keylen: 0 }), "SCRYPT_KEYLEN_INVALID", "custom_password_hash.keylen"],
    ["scrypt keylen mismatch", scrypt({ keylen: 16 }), "SCRYPT_KEYLEN_MISMATCH", "custom_password_hash.hash.value"],
    ["scrypt cost not a power of two", scrypt({ keylen: 32, cost: 1000 }), "SCRYPT_COST_INVALID", "custom_password_hash.cost"],
    ["scrypt blockSize", scrypt({ keylen: 32, blockSize: 0 }), "SCRYPT_BLOCK_SIZE_INVALID", "custom_password_hash.blockSize"],
    ["scrypt parallelization", scrypt({ keylen: 32, parallelization: 1.5 }), "SCRYPT_PARALLELIZATION_INVALID", "custom_password_hash.parallelization"],
    ["scrypt over 1 GiB", scrypt({ keylen: 32, cost: 2 ** 20, blockSize: 16 }), "SCRYPT_PARAMETER_OUT_OF_RANGE", "custom_password_hash.cost"],
    ["scrypt utf8 hash", custom({ algorithm: "scrypt", hash: { value: "abc", encoding: "utf8" }, keylen: 3 }), "HASH_ENCODING_INVALID", "custom_password_hash.hash.encoding"],
    ["PHC scrypt without p", { password_hash: `$scrypt$ln=10,r=8$${SALT16}$${KEY32}` }, "SCRYPT_PARAMETER_INVALID", "password_hash"],
    ["pbkdf2 with a salt", custom({ algorithm: "pbkdf2", hash: { value: `$pbkdf2-sha256$i=10,l=32$${SALT16}$${KEY32}`, encoding: "utf8" }, salt: { value: "x" } }), "SALT_NOT_ALLOWED", "custom_password_hash.salt"],
    ["pbkdf2 not PHC", custom({ algorithm: "pbkdf2", hash: { value: "sha256:10:abc:def", encoding: "utf8" } }), "PBKDF2_HASH_INVALID", "custom_password_hash.hash.value"],
    ["pbkdf2 mdc2", { password_hash: `$pbkdf2-mdc2$i=10,l=32$${SALT16}$${KEY32}` }, "PBKDF2_DIGEST_UNSUPPORTED", "password_hash"],
    ["pbkdf2 unknown digest", { password_hash: `$pbkdf2-blake9$i=10,l=32$${SALT16}$${KEY32}` }, "PBKDF2_DIGEST_UNSUPPORTED", "password_hash"],
    ["pbkdf2 i=0", { password_hash: `$pbkdf2-sha256$i=0,l=32$${SALT16}$${KEY32}` }, "PBKDF2_PARAMETER_INVALID", "password_hash"],
    ["pbkdf2 too many iterations", { password_hash: `$pbkdf2-sha256$i=100000000,l=32$${SALT16}$${KEY32}` }, "PBKDF2_PARAMETER_INVALID", "password_hash"],
    ["pbkdf2 l mismatch", { password_hash: `$pbkdf2-sha256$i=10,l=64$${SALT16}$${KEY32}` }, "PBKDF2_KEYLEN_MISMATCH", "password_hash"],
    ["django malformed iterations", { password_hash: "pbkdf2_sha256$many$salt$aGFzaA==" }, "DJANGO_HASH_MALFORMED", "password_hash"],
    ["django unsupported", custom({ algorithm: "django", hash: { value: "bcrypt_sha256$$2b$12$abc" } }), "DJANGO_ALGORITHM_UNSUPPORTED", "custom_password_hash.hash.value"],
    ["keycloak bcrypt", keycloak(kcSecret, JSON.stringify({ algorithm: "bcrypt", hashIterations: 10 })), "KEYCLOAK_ALGORITHM_UNSUPPORTED", "password_hash.credentialData.algorithm"],
    ["keycloak secretData not JSON", keycloak("{value:", JSON.stringify({ algorithm: "pbkdf2-sha256", hashIterations: 10 })), "KEYCLOAK_CREDENTIAL_MALFORMED", "password_hash.secretData"],
    ["keycloak pbkdf2 without iterations", keycloak(kcSecret, { algorithm: "pbkdf2-sha256" }), "KEYCLOAK_PARAMETER_INVALID", "password_hash.credentialData.hashIterations"],
    ["keycloak salt missing", keycloak(JSON.stringify({ value: KEY32 }), { algorithm: "pbkdf2-sha256", hashIterations: 10 }), "KEYCLOAK_SALT_INVALID", "password_hash.secretData.salt"],
    ["keycloak argon2 bad type", keycloak(kcSecret, { algorithm: "argon2", hashIterations: 3, additionalParameters: { type: ["x"] } }), "KEYCLOAK_PARAMETER_INVALID", "password_hash.credentialData.additionalParameters.type"],
    ["keycloak otp credential", { password_hash: { type: "otp", secretData: kcSecret, credentialData: "{}" } }, "KEYCLOAK_CREDENTIAL_MALFORMED", "password_hash.type"],
    ["firebase without signer key", firebase({ signer_key: undefined }), "FIREBASE_SCRYPT_SIGNER_KEY_MISSING", "custom_password_hash.signer_key"],
    ["firebase signer key twice", firebase({ base64_signer_key: "AAAA" }), "FIREBASE_SCRYPT_PARAMETER_CONFLICT", "custom_password_hash.base64_signer_key"],
    ["firebase rounds 9", firebase({ rounds: 9 }), "FIREBASE_SCRYPT_ROUNDS_INVALID", "custom_password_hash.rounds"],
    ["firebase without mem_cost", firebase({ mem_cost: undefined }), "FIREBASE_SCRYPT_MEM_COST_MISSING", "custom_password_hash.mem_cost"],
    ["firebase without salt", firebase({ salt: undefined }), "SALT_MISSING", "custom_password_hash.salt"],
    ["firebase separator malformed", firebase({ salt_separator: "!!" }), "FIREBASE_SCRYPT_SALT_SEPARATOR_VALUE_MALFORMED", "custom_password_hash.salt_separator"],
    ["firebase hash length", firebase({ hash: { value: "AAAA" } }), "HASH_LENGTH_INVALID", "custom_password_hash.hash.value"],
    ["legacy with both salts", custom({ algorithm: "md5", hash: MD5_HEX, encoding: "hex", salt_prefix: "a", salt_suffix: "b" }), "SALT_CONFLICT", "custom_password_hash.salt_suffix"],
    ["legacy unknown property", custom({ algorithm: "md5", hash: MD5_HEX, encoding: "hex", pepper: "a" }), "CUSTOM_HASH_UNKNOWN_PROPERTY", "custom_password_hash.pepper"],
  ];

  it.each(cases)("%s", (_name, record, code, path) => {
    const result = importPasswordHash(record);
    expect(result).toMatchObject({ ok: false, code, path });
    expect((result as { message: string }).message.startsWith(`${path}: `)).toBe(true);
  });
});
