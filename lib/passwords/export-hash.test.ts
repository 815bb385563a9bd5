// exportPasswordHash is lossless: for every format, exporting a stored hash and importing the
// export gives back the very same stored string, and the export uses Auth0's own shapes
// (password_hash bcrypt, custom_password_hash with Auth0's algorithms) wherever Auth0 has one.
import { createHash, createHmac, pbkdf2Sync, randomBytes, scryptSync } from "node:crypto";
import bcrypt from "bcryptjs";
import { afterAll, describe, expect, it } from "vitest";
import { exportPasswordHash } from "./export-hash.ts";
import { closeHashPool } from "./hash-pool.ts";
import { importPasswordHash, type ImportPasswordHashRecord } from "./imported-hash.ts";
import { verifyPasswordHash } from "./verify-password.ts";

afterAll(() => closeHashPool());

const PASSWORD = "Export-Me-42-ü";
const pw = Buffer.from(PASSWORD);
const salt = randomBytes(16);
const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");
const b64nopad = (b: Uint8Array) => b64(b).replace(/=+$/, "");
const AUTH0_ALGORITHMS = ["argon2", "bcrypt", "hmac", "ldap", "md4", "md5", "sha1", "sha256", "sha512", "pbkdf2", "scrypt"];

const cases: [string, ImportPasswordHashRecord, "password_hash" | "auth0" | "gatehouse"][] = [
  ["bcrypt", { password_hash: bcrypt.hashSync(PASSWORD, 4) }, "password_hash"],
  ["salted bcrypt", { custom_password_hash: { algorithm: "bcrypt", hash: { value: bcrypt.hashSync(`${PASSWORD}pep`, 4), encoding: "utf8" }, salt: { value: "pep", position: "suffix" } } }, "auth0"],
  ["md5 prefix salt, latin1 password", { custom_password_hash: { algorithm: "md5", hash: { value: createHash("md5").update(Buffer.concat([Buffer.from("NaCl"), Buffer.from(PASSWORD, "latin1")])).digest("hex"), encoding: "hex" }, salt: { value: "NaCl" }, password: { encoding: "latin1" } } }, "auth0"],
  ["sha512 unsalted", { custom_password_hash: { algorithm: "sha512", hash: { value: createHash("sha512").update(pw).digest("base64"), encoding: "base64" } } }, "auth0"],
  ["ldap {SSHA}", { custom_password_hash: { algorithm: "ldap", hash: { value: `{SSHA}${b64(Buffer.concat([createHash("sha1").update(Buffer.concat([pw, salt])).digest(), salt]))}`, encoding: "utf8" } } }, "auth0"],
  ["ldap {SSHA384}", { password_hash: `{SSHA384}${b64(Buffer.concat([createHash("sha384").update(Buffer.concat([pw, salt])).digest(), salt]))}` }, "auth0"],
  ["hmac-sha256", { custom_password_hash: { algorithm: "hmac", hash: { value: createHmac("sha256", "k").update(pw).digest("hex"), encoding: "hex", digest: "sha256", key: { value: "k" } } } }, "auth0"],
  ["pbkdf2 (Django)", { password_hash: `pbkdf2_sha256$1000$abc$${b64(pbkdf2Sync(pw, "abc", 1000, 32, "sha256"))}` }, "auth0"],
  ["pbkdf2 (Keycloak sha512)", { password_hash: { secretData: JSON.stringify({ value: b64(pbkdf2Sync(pw, salt, 900, 64, "sha512")), salt: b64(salt) }), credentialData: JSON.stringify({ algorithm: "pbkdf2-sha512", hashIterations: 900 }) } }, "auth0"],
  ["scrypt", { custom_password_hash: { algorithm: "scrypt", hash: { value: scryptSync(pw, salt, 32, { N: 1024 }).toString("hex"), encoding: "hex" }, salt: { value: salt.toString("hex"), encoding: "hex" }, keylen: 32, cost: 1024 } }, "auth0"],
  ["scrypt without salt", { custom_password_hash: { algorithm: "scrypt", hash: { value: scryptSync(pw, "", 16, { N: 1024 }).toString("hex"), encoding: "hex" }, keylen: 16, cost: 1024 } }, "auth0"],
  ["argon2 (PHC)", { password_hash: `$argon2id$v=19$m=1024,t=2,p=1$${b64nopad(salt)}$${b64nopad(randomBytes(32))}` }, "auth0"],
  ["firebase-scrypt", { custom_password_hash: { algorithm: "firebase-scrypt", hash: { value: b64(randomBytes(64)) }, salt: { value: b64(salt) }, signer_key: b64(randomBytes(64)), salt_separator: "Bw==", rounds: 8, mem_cost: 8 } }, "gatehouse"],
];

describe("exportPasswordHash", () => {
  it.each(cases)("%s: export then import gives the same stored hash", async (name, record, shape) => {
    const imported = importPasswordHash(record);
    if (!imported.ok || !imported.hash) throw new Error(JSON.stringify(imported));
    const exported = exportPasswordHash(imported.hash);
    if (shape === "password_hash" || shape === "gatehouse") expect(exported).toEqual({ password_hash: imported.hash });
    if (shape === "auth0") {
      expect("custom_password_hash" in exported).toBe(true);
      expect(AUTH0_ALGORITHMS).toContain((exported as { custom_password_hash: { algorithm: string } }).custom_password_hash.algorithm);
    }
    const again = importPasswordHash(JSON.parse(JSON.stringify(exported)));
    expect(again).toEqual({ ok: true, hash: imported.hash });
    // (the argon2 and firebase hashes here are random bytes: only their shape is under test)
    if (!name.startsWith("argon2") && !name.startsWith("firebase")) expect((await verifyPasswordHash(PASSWORD, imported.hash, { bcryptCost: 4 })).matches).toBe(true);
  });

  it("exports an unreadable stored value as it is", () => {
    expect(exportPasswordHash("$gh-custom$e30")).toEqual({ password_hash: "$gh-custom$e30" });
  });
});
