// Every imported format, from import record to login check: vectors are made here (node:crypto,
// bcryptjs, @noble/hashes for argon2, hash-wasm for md4/whirlpool), imported with
// importPasswordHash, then verified with verifyPasswordHash in the worker pool; the right password
// matches, a wrong one does not, and anything but bcrypt at the configured cost needs a rehash.
import { createCipheriv, createHash, createHmac, pbkdf2Sync, randomBytes, scryptSync } from "node:crypto";
import { argon2d, argon2i, argon2id } from "@noble/hashes/argon2.js";
import bcrypt from "bcryptjs";
import { argon2id as wasmArgon2id, createHMAC, createMD4, createWhirlpool, md4, pbkdf2 as wasmPbkdf2, whirlpool } from "hash-wasm";
import { afterAll, describe, expect, it } from "vitest";
import { closeHashPool } from "./hash-pool.ts";
import { importPasswordHash, type ImportPasswordHashRecord } from "./imported-hash.ts";
import { verifyPasswordHash } from "./verify-password.ts";

const PASSWORD = "Tr0ub4dor&3-é€";
const WRONG = "Tr0ub4dor&3-e€";
const COST = 4;

afterAll(() => closeHashPool());

const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");
const b64nopad = (b: Uint8Array) => b64(b).replace(/=+$/, "");
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const sha = (alg: string, ...parts: (string | Buffer)[]) => createHash(alg).update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();
const pw = Buffer.from(PASSWORD, "utf8");

async function stored(record: ImportPasswordHashRecord): Promise<string> {
  const result = importPasswordHash(record);
  if (!result.ok) throw new Error(`import failed: ${result.code} ${result.message}`);
  expect(result.hash).toBeTypeOf("string");
  return result.hash!;
}

async function expectVerifies(record: ImportPasswordHashRecord, password = PASSWORD, wrong = WRONG) {
  const hash = await stored(record);
  expect(await verifyPasswordHash(password, hash, { bcryptCost: COST })).toEqual({ matches: true, needsRehash: true });
  expect(await verifyPasswordHash(wrong, hash, { bcryptCost: COST })).toEqual({ matches: false, needsRehash: true });
  return hash;
}

type Case = [name: string, make: () => ImportPasswordHashRecord | Promise<ImportPasswordHashRecord>];
const custom = (c: unknown) => ({ custom_password_hash: c });

describe("bcrypt", () => {
  it("keeps password_hash as plain bcrypt, needing no rehash at the configured cost only", async () => {
    const hash = bcrypt.hashSync(PASSWORD, COST);
    const result = importPasswordHash({ password_hash: hash });
    expect(result).toEqual({ ok: true, hash });
    expect(await verifyPasswordHash(PASSWORD, hash, { bcryptCost: COST })).toEqual({ matches: true, needsRehash: false });
    expect(await verifyPasswordHash(WRONG, hash, { bcryptCost: COST })).toEqual({ matches: false, needsRehash: false });
    expect(await verifyPasswordHash(PASSWORD, hash, { bcryptCost: 10 })).toEqual({ matches: true, needsRehash: true });
  });

  it("verifies Auth0's documented vector and $2a$/$2y$ prefixes, and Auth0's export passwordHash", async () => {
    const documented = "$2b$10$nFguVi9LsCAcvTZFKQlRKeLVydo8ETv483lkNsSFI/Wl1Rz1Ypo1K";
    expect(await verifyPasswordHash("hello", documented, { bcryptCost: 10 })).toEqual({ matches: true, needsRehash: false });
    for (const prefix of ["$2a$", "$2y$"]) {
      const hash = bcrypt.hashSync(PASSWORD, COST).replace(/^\$2b\$/, prefix);
      expect(importPasswordHash({ passwordHash: hash })).toEqual({ ok: true, hash });
      expect((await verifyPasswordHash(PASSWORD, hash, { bcryptCost: COST })).matches).toBe(true);
      expect((await verifyPasswordHash(WRONG, hash, { bcryptCost: COST })).matches).toBe(false);
    }
  });

  it.each<Case>([
    ["custom bcrypt without salt stays plain", () => custom({ algorithm: "bcrypt", hash: { value: bcrypt.hashSync(PASSWORD, COST), encoding: "utf8" } })],
    ["custom bcrypt with a utf8 prefix salt", () => custom({ algorithm: "bcrypt", hash: { value: bcrypt.hashSync(`pepper${PASSWORD}`, COST), encoding: "utf8" }, salt: { value: "pepper" } })],
    ["custom bcrypt with a hex suffix salt", () => custom({ algorithm: "bcrypt", hash: { value: bcrypt.hashSync(`${PASSWORD}pepper`, COST) }, salt: { value: Buffer.from("pepper").toString("hex"), encoding: "hex", position: "suffix" } })],
    ["custom bcrypt with salt + password over 72 bytes (truncated, as bcrypt does)", () => custom({ algorithm: "bcrypt", hash: { value: bcrypt.hashSync(`${"s".repeat(58)}${PASSWORD}`, COST) }, salt: { value: "s".repeat(58) } })],
  ])("%s", async (name, make) => {
    const record = await make();
    const hash = importPasswordHash(record);
    if (name.includes("stays plain")) expect(hash.ok && hash.hash?.startsWith("$2b$")).toBe(true);
    else expect(hash.ok && hash.hash?.startsWith("$gh-custom$")).toBe(true);
    const result = await verifyPasswordHash(PASSWORD, (hash as { hash: string }).hash, { bcryptCost: COST });
    expect(result.matches).toBe(true);
    expect(result.needsRehash).toBe(!name.includes("stays plain") ? true : false);
    expect((await verifyPasswordHash(WRONG, (hash as { hash: string }).hash, { bcryptCost: COST })).matches).toBe(false);
  });
});

describe("plain digests (md4, md5, sha1, sha256, sha512): encodings and salt positions", () => {
  const digest = async (alg: string, data: Buffer) => {
    if (alg !== "md4") return createHash(alg).update(data).digest();
    const hasher = await createMD4();
    return Buffer.from(hasher.init().update(data).digest("binary"));
  };
  const cases: Case[] = [];
  for (const alg of ["md4", "md5", "sha1", "sha256", "sha512"]) {
    const salt = randomBytes(12);
    cases.push(
      [`${alg} hex, unsalted`, async () => custom({ algorithm: alg, hash: { value: hex(await digest(alg, pw)), encoding: "hex" } })],
      [`${alg} upper-case hex`, async () => custom({ algorithm: alg, hash: { value: hex(await digest(alg, pw)).toUpperCase(), encoding: "hex" } })],
      [`${alg} base64, hex salt prefix`, async () =>
        custom({ algorithm: alg, hash: { value: b64(await digest(alg, Buffer.concat([salt, pw]))), encoding: "base64" }, salt: { value: hex(salt), encoding: "hex", position: "prefix" } })],
      [`${alg} url-safe base64, base64 salt suffix`, async () =>
        custom({ algorithm: alg, hash: { value: (await digest(alg, Buffer.concat([pw, salt]))).toString("base64url"), encoding: "base64" }, salt: { value: b64(salt), encoding: "base64", position: "suffix" } })],
      [`${alg} utf8 salt (default encoding, default prefix)`, async () =>
        custom({ algorithm: alg, hash: { value: hex(await digest(alg, Buffer.from(`abc123${PASSWORD}`))), encoding: "hex" }, salt: { value: "abc123" } })],
    );
  }
  it.each(cases)("%s", async (_name, make) => {
    await expectVerifies(await make());
  });

  it("md4 matches RFC 1320's vectors (node:crypto has no md4 under OpenSSL 3)", async () => {
    for (const [input, expected] of [["", "31d6cfe0d16ae931b73c59d7e0c089c0"], ["abc", "a448017aaf21d8525fc10ae87aa6729d"], ["message digest", "d9130a8164549fe818874806e1c7014b"]]) {
      expect(await md4(input!)).toBe(expected);
      const hash = await stored(custom({ algorithm: "md4", hash: { value: expected, encoding: "hex" } }));
      expect((await verifyPasswordHash(input!, hash)).matches).toBe(true);
    }
  });

  it("sha256 with Auth0's utf8 prefix salt abc123", async () => {
    await expectVerifies(custom({ algorithm: "sha256", hash: { value: hex(sha("sha256", "abc123", PASSWORD)), encoding: "hex" }, salt: { value: "abc123", encoding: "utf8", position: "prefix" } }));
  });

  it("the legacy shape (hash string, salt_prefix / salt_suffix)", async () => {
    await expectVerifies(custom({ algorithm: "sha1", hash: hex(sha("sha1", "s4lt", PASSWORD)), encoding: "hex", salt_prefix: "s4lt" }));
    await expectVerifies(custom({ algorithm: "md5", hash: b64(sha("md5", PASSWORD, "s4lt")), encoding: "base64", salt_suffix: "s4lt" }));
  });
});

describe("password encodings", () => {
  it.each(["utf16le", "ucs2", "latin1", "binary", "ascii"] as const)("transcodes the typed password to %s", async (encoding) => {
    const password = encoding === "ascii" ? "plain-ascii-42" : "pässwörd-ÿ";
    const data = Buffer.from(password, encoding);
    await expectVerifies(custom({ algorithm: "sha256", hash: { value: hex(sha("sha256", data)), encoding: "hex" }, password: { encoding } }), password, `${password}!`);
  });

  it("utf16le with a salt and bcrypt", async () => {
    const password = "naïve-密码";
    const salted = Buffer.concat([Buffer.from("NaCl"), Buffer.from(password, "utf16le")]);
    // bcryptjs takes strings: build the bytes as a latin1 string only when they are valid as such, so use sha512 here
    await expectVerifies(custom({ algorithm: "sha512", hash: { value: b64(createHash("sha512").update(salted).digest()), encoding: "base64" }, salt: { value: "NaCl" }, password: { encoding: "utf16le" } }), password, "naive-密码");
  });
});

describe("hmac", () => {
  it.each<Case>([
    ["hmac-sha1 base64 with Auth0's hex key 736868", () => custom({ algorithm: "hmac", hash: { value: b64(createHmac("sha1", Buffer.from("736868", "hex")).update(PASSWORD).digest()), encoding: "base64", digest: "sha1", key: { value: "736868", encoding: "hex" } } })],
    ["hmac-sha256 hex, utf8 key (default), salt prefix", () => custom({ algorithm: "hmac", hash: { value: hex(createHmac("sha256", "k3y").update(`NaCl${PASSWORD}`).digest()), encoding: "hex", digest: "sha256", key: { value: "k3y" } }, salt: { value: "NaCl" } })],
    ["hmac-sha512 base64 key, hex salt suffix", () => custom({ algorithm: "hmac", hash: { value: b64(createHmac("sha512", Buffer.from("a2V5", "base64")).update(Buffer.concat([pw, Buffer.from("0102", "hex")])).digest()), encoding: "base64", digest: "sha512", key: { value: "a2V5", encoding: "base64" } }, salt: { value: "0102", encoding: "hex", position: "suffix" } })],
    ["hmac-md5", () => custom({ algorithm: "hmac", hash: { value: hex(createHmac("md5", "k").update(PASSWORD).digest()), encoding: "hex", digest: "md5", key: { value: "k" } } })],
    ["hmac-sha224", () => custom({ algorithm: "hmac", hash: { value: hex(createHmac("sha224", "k").update(PASSWORD).digest()), encoding: "hex", digest: "sha224", key: { value: "k" } } })],
    ["hmac-sha384", () => custom({ algorithm: "hmac", hash: { value: hex(createHmac("sha384", "k").update(PASSWORD).digest()), encoding: "hex", digest: "sha384", key: { value: "k" } } })],
    ["hmac-ripemd160", () => custom({ algorithm: "hmac", hash: { value: hex(createHmac("ripemd160", "k").update(PASSWORD).digest()), encoding: "hex", digest: "ripemd160", key: { value: "k" } } })],
    ["hmac-md4 (hash-wasm)", async () => {
      const mac = await createHMAC(createMD4(), "k");
      return custom({ algorithm: "hmac", hash: { value: hex(mac.init().update(pw).digest("binary")), encoding: "hex", digest: "md4", key: { value: "k" } } });
    }],
    ["hmac-whirlpool (hash-wasm)", async () => {
      const mac = await createHMAC(createWhirlpool(), "k");
      return custom({ algorithm: "hmac", hash: { value: hex(mac.init().update(pw).digest("binary")), encoding: "hex", digest: "whirlpool", key: { value: "k" } } });
    }],
  ])("%s", async (_name, make) => {
    await expectVerifies(await make());
  });

  it("whirlpool matches the ISO reference digest of the empty string", async () => {
    expect(await whirlpool("")).toBe("19fa61d75522a4669b44e39c1d2e1726c530232130d407f89afee0964997f7a73e83be698b288febcf88e3e03c4f0757ea8964e59b63d93708b138cc42a66eb3");
  });
});

describe("ldap (RFC 2307)", () => {
  const salt = randomBytes(8);
  it.each<Case>([
    ["{MD5}", () => custom({ algorithm: "ldap", hash: { value: `{MD5}${b64(sha("md5", PASSWORD))}`, encoding: "utf8" } })],
    ["{SMD5}", () => custom({ algorithm: "ldap", hash: { value: `{SMD5}${b64(Buffer.concat([sha("md5", PASSWORD, salt), salt]))}`, encoding: "utf8" } })],
    ["{SHA}", () => custom({ algorithm: "ldap", hash: { value: `{SHA}${b64(sha("sha1", PASSWORD))}`, encoding: "utf8" } })],
    ["{SSHA}", () => custom({ algorithm: "ldap", hash: { value: `{SSHA}${b64(Buffer.concat([sha("sha1", PASSWORD, salt), salt]))}`, encoding: "utf8" } })],
    ["{SHA256}", () => custom({ algorithm: "ldap", hash: { value: `{SHA256}${b64(sha("sha256", PASSWORD))}`, encoding: "utf8" } })],
    ["{SSHA256}", () => custom({ algorithm: "ldap", hash: { value: `{SSHA256}${b64(Buffer.concat([sha("sha256", PASSWORD, salt), salt]))}`, encoding: "utf8" } })],
    ["{SHA384}", () => custom({ algorithm: "ldap", hash: { value: `{SHA384}${b64(sha("sha384", PASSWORD))}`, encoding: "utf8" } })],
    ["{SSHA384}", () => custom({ algorithm: "ldap", hash: { value: `{SSHA384}${b64(Buffer.concat([sha("sha384", PASSWORD, salt), salt]))}`, encoding: "utf8" } })],
    ["{SHA512}", () => custom({ algorithm: "ldap", hash: { value: `{SHA512}${b64(sha("sha512", PASSWORD))}`, encoding: "utf8" } })],
    ["{ssha512} (lower-case scheme) as password_hash", () => ({ password_hash: `{ssha512}${b64(Buffer.concat([sha("sha512", PASSWORD, salt), salt]))}` })],
  ])("%s", async (_name, make) => {
    await expectVerifies(await make());
  });
});

describe("pbkdf2", () => {
  const salt = randomBytes(16);
  const phc = (digest: string, iterations: number, key: Buffer, l = true) => `$pbkdf2-${digest}$i=${iterations}${l ? `,l=${key.length}` : ""}$${b64nopad(salt)}$${b64nopad(key)}`;
  it.each<Case>([
    ["pbkdf2-sha512 PHC (Auth0)", () => custom({ algorithm: "pbkdf2", hash: { value: phc("sha512", 1000, pbkdf2Sync(pw, salt, 1000, 64, "sha512")), encoding: "utf8" } })],
    ["pbkdf2-sha256 PHC without l", () => custom({ algorithm: "pbkdf2", hash: { value: phc("sha256", 1200, pbkdf2Sync(pw, salt, 1200, 32, "sha256"), false), encoding: "utf8" } })],
    ["pbkdf2-sha1 PHC", () => custom({ algorithm: "pbkdf2", hash: { value: phc("sha1", 900, pbkdf2Sync(pw, salt, 900, 20, "sha1")), encoding: "utf8" } })],
    ["pbkdf2-RSA-SHA256 (an OpenSSL alias)", () => custom({ algorithm: "pbkdf2", hash: { value: phc("RSA-SHA256", 500, pbkdf2Sync(pw, salt, 500, 32, "sha256")), encoding: "utf8" } })],
    ["pbkdf2-md4 (hash-wasm)", async () => {
      const key = Buffer.from(await wasmPbkdf2({ password: pw, salt, iterations: 300, hashLength: 16, hashFunction: createMD4(), outputType: "binary" }));
      return custom({ algorithm: "pbkdf2", hash: { value: phc("md4", 300, key), encoding: "utf8" } });
    }],
    ["pbkdf2-whirlpool (hash-wasm)", async () => {
      const key = Buffer.from(await wasmPbkdf2({ password: pw, salt, iterations: 100, hashLength: 64, hashFunction: createWhirlpool(), outputType: "binary" }));
      return custom({ algorithm: "pbkdf2", hash: { value: phc("whirlpool", 100, key), encoding: "utf8" } });
    }],
    ["pbkdf2-ripemd160", () => custom({ algorithm: "pbkdf2", hash: { value: phc("ripemd160", 400, pbkdf2Sync(pw, salt, 400, 20, "ripemd160")), encoding: "utf8" } })],
    ["pbkdf2-md5", () => custom({ algorithm: "pbkdf2", hash: { value: phc("md5", 700, pbkdf2Sync(pw, salt, 700, 16, "md5")), encoding: "utf8" } })],
    ["PHC string as password_hash", () => ({ password_hash: phc("sha256", 800, pbkdf2Sync(pw, salt, 800, 32, "sha256")) })],
    ["passlib $pbkdf2-sha256$<rounds>$ (adapted base64)", () => {
      const ab64 = (b: Buffer) => b64nopad(b).replace(/\+/g, ".");
      return { password_hash: `$pbkdf2-sha256$1500$${ab64(salt)}$${ab64(pbkdf2Sync(pw, salt, 1500, 32, "sha256"))}` };
    }],
    ["Django pbkdf2_sha256$", () => ({ password_hash: `pbkdf2_sha256$2000$Xyz0Salt$${b64(pbkdf2Sync(pw, "Xyz0Salt", 2000, 32, "sha256"))}` })],
    ["Django pbkdf2_sha1$ via custom_password_hash django", () => custom({ algorithm: "django", hash: { value: `pbkdf2_sha1$2000$Xyz0Salt$${b64(pbkdf2Sync(pw, "Xyz0Salt", 2000, 20, "sha1"))}` } })],
    ["Django sha1$ (legacy salted)", () => ({ password_hash: `sha1$NaCl$${hex(sha("sha1", "NaCl", PASSWORD))}` })],
  ])("%s", async (_name, make) => {
    await expectVerifies(await make());
  });
});

describe("scrypt", () => {
  const salt = randomBytes(16);
  it.each<Case>([
    ["Auth0 scrypt hex, utf8 salt abc123, keylen 32, cost 4096", () => custom({ algorithm: "scrypt", hash: { value: hex(scryptSync(pw, "abc123", 32, { N: 4096 })), encoding: "hex" }, salt: { value: "abc123", encoding: "utf8" }, keylen: 32, cost: 4096 })],
    ["Auth0 scrypt base64, defaults (cost 16384, r 8, p 1)", () => custom({ algorithm: "scrypt", hash: { value: b64(scryptSync(pw, salt, 64)), encoding: "base64" }, salt: { value: b64(salt), encoding: "base64" }, keylen: 64 })],
    ["Auth0 scrypt with blockSize and parallelization", () => custom({ algorithm: "scrypt", hash: { value: hex(scryptSync(pw, salt, 16, { N: 1024, r: 4, p: 2 })), encoding: "hex" }, salt: { value: hex(salt), encoding: "hex" }, keylen: 16, cost: 1024, blockSize: 4, parallelization: 2 })],
    ["PHC $scrypt$ln=", () => ({ password_hash: `$scrypt$ln=10,r=8,p=1$${b64nopad(salt)}$${b64nopad(scryptSync(pw, salt, 32, { N: 1024 }))}` })],
    ["PHC $scrypt$ via custom_password_hash phc", () => custom({ algorithm: "phc", hash: { value: `$scrypt$ln=11,r=8,p=1$${b64nopad(salt)}$${b64nopad(scryptSync(pw, salt, 32, { N: 2048 }))}` } })],
    ["Django scrypt$", () => ({ password_hash: `scrypt$2048$NaClNaCl$8$1$${b64(scryptSync(pw, "NaClNaCl", 64, { N: 2048 }))}` })],
  ])("%s", async (_name, make) => {
    await expectVerifies(await make());
  });
});

describe("firebase scrypt", () => {
  const firebase = (password: Buffer, salt: Buffer, separator: Buffer, signerKey: Buffer, rounds: number, memCost: number) => {
    const key = scryptSync(password, Buffer.concat([salt, separator]), 32, { N: 2 ** memCost, r: rounds, p: 1, maxmem: 256 * 2 ** memCost * rounds });
    const cipher = createCipheriv("aes-256-ctr", key, Buffer.alloc(16, 0));
    return Buffer.concat([cipher.update(signerKey), cipher.final()]);
  };
  it("verifies a hash made with the signer key, salt separator, rounds and mem cost", async () => {
    const salt = randomBytes(12);
    const separator = Buffer.from("Bw==", "base64");
    const signerKey = randomBytes(64);
    await expectVerifies(custom({
      algorithm: "firebase-scrypt",
      hash: { value: b64(firebase(pw, salt, separator, signerKey, 8, 10)) },
      salt: { value: b64(salt) },
      signer_key: b64(signerKey),
      salt_separator: { value: "Bw==", encoding: "base64" },
      rounds: 8,
      mem_cost: 10,
    }));
  });

  it("verifies the sample user of Firebase's scrypt documentation", async () => {
    const hash = await stored(custom({
      algorithm: "firebase-scrypt",
      hash: { value: "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==" },
      salt: { value: "42xEC+ixf3L2lw==" },
      base64_signer_key: "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==",
      base64_salt_separator: "Bw==",
      rounds: 8,
      mem_cost: 14,
    }));
    expect((await verifyPasswordHash("user1password", hash)).matches).toBe(true);
    expect((await verifyPasswordHash("user1passwore", hash)).matches).toBe(false);
  });
});

describe("argon2 (vectors from @noble/hashes, verified with hash-wasm)", () => {
  const salt = randomBytes(16);
  const phc = (variant: string, version: number | null, m: number, t: number, p: number, key: Uint8Array) =>
    `$${variant}$${version === null ? "" : `v=${version}$`}m=${m},t=${t},p=${p}$${b64nopad(salt)}$${b64nopad(key)}`;
  it.each<Case>([
    ["argon2id PHC via Auth0 argon2", () => custom({ algorithm: "argon2", hash: { value: phc("argon2id", 19, 4096, 2, 1, argon2id(pw, salt, { m: 4096, t: 2, p: 1, dkLen: 32 })), encoding: "utf8" } })],
    ["argon2i PHC, p=2", () => custom({ algorithm: "argon2", hash: { value: phc("argon2i", 19, 2048, 3, 2, argon2i(pw, salt, { m: 2048, t: 3, p: 2, dkLen: 32 })), encoding: "utf8" } })],
    ["argon2id with m not a multiple of 4p (m=1000, p=3)", () => ({ password_hash: phc("argon2id", 19, 1000, 1, 3, argon2id(pw, salt, { m: 1000, t: 1, p: 3, dkLen: 32 })) })],
    ["argon2d PHC as password_hash, 16-byte hash", () => ({ password_hash: phc("argon2d", 19, 1024, 1, 1, argon2d(pw, salt, { m: 1024, t: 1, p: 1, dkLen: 16 })) })],
    ["argon2id v=16 (verified with @noble/hashes)", () => ({ password_hash: phc("argon2id", 16, 1024, 2, 1, argon2id(pw, salt, { m: 1024, t: 2, p: 1, dkLen: 32, version: 0x10 })) })],
    ["argon2i without v= (v1.0)", () => ({ password_hash: phc("argon2i", null, 1024, 2, 1, argon2i(pw, salt, { m: 1024, t: 2, p: 1, dkLen: 32, version: 0x10 })) })],
    ["Django argon2$", () => ({ password_hash: `argon2${phc("argon2id", 19, 1024, 2, 1, argon2id(pw, salt, { m: 1024, t: 2, p: 1, dkLen: 32 }))}` })],
  ])("%s", async (_name, make) => {
    await expectVerifies(await make());
  });
});

describe("Keycloak credentials", () => {
  const salt = randomBytes(16);
  const credential = (algorithm: string, iterations: number, hash: Uint8Array, additionalParameters: Record<string, string[]> = {}) => ({
    type: "password",
    secretData: JSON.stringify({ value: b64(hash), salt: b64(salt), additionalParameters: {} }),
    credentialData: JSON.stringify({ hashIterations: iterations, algorithm, additionalParameters }),
  });
  it.each<Case>([
    ["pbkdf2-sha256 (object)", () => ({ password_hash: credential("pbkdf2-sha256", 2750, pbkdf2Sync(pw, salt, 2750, 64, "sha256")) })],
    ["pbkdf2-sha512 (JSON string)", () => ({ password_hash: JSON.stringify(credential("pbkdf2-sha512", 2100, pbkdf2Sync(pw, salt, 2100, 64, "sha512"))) })],
    ["pbkdf2 (sha1, 160-bit key)", () => ({ password_hash: credential("pbkdf2", 2000, pbkdf2Sync(pw, salt, 2000, 20, "sha1")) })],
    ["argon2 (id, 1.3)", () => custom({ algorithm: "keycloak", hash: { value: JSON.stringify(credential("argon2", 3, argon2id(pw, salt, { m: 2048, t: 3, p: 1, dkLen: 32 }), { hashLength: ["32"], memory: ["2048"], type: ["id"], version: ["1.3"], parallelism: ["1"] })) } })],
    ["argon2 (i, defaults for the rest)", () => ({ password_hash: credential("argon2", 5, argon2i(pw, salt, { m: 7168, t: 5, p: 1, dkLen: 32 }), { type: ["i"] }) })],
  ])("%s", async (_name, make) => {
    await expectVerifies(await make());
  });
});

describe("verifyPasswordHash on stored values", () => {
  it("never matches an unknown or corrupt stored value", async () => {
    for (const value of ["", "plaintext", "$gh-custom$", "$gh-custom$e30", "$gh-custom$!!", "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA"]) {
      expect(await verifyPasswordHash(PASSWORD, value)).toEqual({ matches: false, needsRehash: true });
    }
  });

  it("refuses a descriptor whose work factors exceed the limits (a hand-edited row)", async () => {
    const body = Buffer.from(JSON.stringify({ algorithm: "pbkdf2", digest: "sha256", iterations: 1e9, salt: "AAAA", hash: "AAAA" })).toString("base64url");
    expect(await verifyPasswordHash(PASSWORD, `$gh-custom$${body}`)).toEqual({ matches: false, needsRehash: true });
  });

  it("verifies a PHC string written to the table by hand (not through the importer)", async () => {
    const salt = randomBytes(16);
    const value = `$pbkdf2-sha256$i=1000,l=32$${b64nopad(salt)}$${b64nopad(pbkdf2Sync(pw, salt, 1000, 32, "sha256"))}`;
    expect(await verifyPasswordHash(PASSWORD, value)).toEqual({ matches: true, needsRehash: true });
  });

  it("accepts a $gh-custom$ hash given back as password_hash unchanged", async () => {
    const hash = await stored(custom({ algorithm: "md5", hash: { value: hex(sha("md5", PASSWORD)), encoding: "hex" } }));
    expect(importPasswordHash({ password_hash: hash })).toEqual({ ok: true, hash });
  });

  it("does not block the event loop during an argon2 verify (it runs in a worker)", async () => {
    const salt = randomBytes(16);
    const m = 65536;
    // hash-wasm keeps its 64 MiB outside the JS heap, so no garbage collection of it lands in the measurement.
    const key = await wasmArgon2id({ password: pw, salt, iterations: 3, parallelism: 1, memorySize: m, hashLength: 32, outputType: "binary" });
    const hash = await stored({ password_hash: `$argon2id$v=19$m=${m},t=3,p=1$${b64nopad(salt)}$${b64nopad(key)}` });
    await verifyPasswordHash(WRONG, hash); // warm the worker (hash-wasm compiles its WebAssembly once)
    let maxLateness = 0;
    let ticks = 0;
    let expected = performance.now() + 5;
    const timer = setInterval(() => {
      const now = performance.now();
      maxLateness = Math.max(maxLateness, now - expected);
      expected = now + 5;
      ticks++;
    }, 5);
    const started = performance.now();
    const results = await Promise.all([verifyPasswordHash(PASSWORD, hash), verifyPasswordHash(WRONG, hash)]);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(results.map((r) => r.matches)).toEqual([true, false]);
    // Each verify takes hundreds of milliseconds: on the main thread they would run one after the
    // other and the timer would wait at least half of `elapsed`. Relative bounds: the cores are shared.
    expect(elapsed).toBeGreaterThan(150);
    expect(maxLateness).toBeLessThan(elapsed / 4);
    expect(ticks).toBeGreaterThan(elapsed / 5 / 4);
  });
});
