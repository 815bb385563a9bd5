// Verifies a password against any stored hash (stored-hash.ts): Gatehouse's bcrypt and every
// imported format. All hashing runs in the password worker pool (hash-pool.ts), never on the event
// loop; derived bytes are compared here with crypto.timingSafeEqual.
//
// needsRehash is false only for bcrypt at the configured cost (GATEHOUSE_BCRYPT_COST): after a
// successful login the caller replaces any other hash with a fresh bcrypt one
// (lib/services/users/upgrade-password-hash.ts).
//
// A stored value that is neither bcrypt nor a valid `$gh-custom$` descriptor but is a
// self-describing format importPasswordHash accepts (a PHC string written by hand, ...) is verified
// as that format; anything else never matches.
import { createCipheriv, timingSafeEqual } from "node:crypto";
import { env } from "../env.ts";
import { HashFormatError } from "./hash-formats/errors.ts";
import { fromBase64Url } from "./hash-formats/encoding.ts";
import { deriveInWorker, verifyBcrypt } from "./hash-pool.ts";
import { parseSelfDescribing } from "./imported-hash.ts";
import { bcryptCost, CUSTOM_HASH_PREFIX, decodeStoredHash, type CustomHash } from "./stored-hash.ts";

export type PasswordVerification = { matches: boolean; needsRehash: boolean };

export async function verifyPasswordHash(password: string, storedHash: string, options: { bcryptCost?: number } = {}): Promise<PasswordVerification> {
  const cost = bcryptCost(storedHash);
  if (cost !== null) {
    const matches = await verifyBcrypt(password, storedHash);
    return { matches, needsRehash: cost !== (options.bcryptCost ?? env().bcryptCost) };
  }
  const descriptor = storedHash.startsWith(CUSTOM_HASH_PREFIX) ? decodeStoredHash(storedHash) : parseLoose(storedHash);
  if (!descriptor) return { matches: false, needsRehash: true };
  if (typeof descriptor === "string") return { matches: await verifyBcrypt(password, descriptor), needsRehash: true };
  return { matches: await verifyCustomHash(password, descriptor), needsRehash: true };
}

function parseLoose(stored: string): CustomHash | string | null {
  try {
    return parseSelfDescribing(stored, "hash");
  } catch (error) {
    if (error instanceof HashFormatError) return null;
    throw error;
  }
}

/** Constant-time equality of derived bytes (different lengths never match). */
function same(derived: Uint8Array | boolean, expected: Buffer): boolean {
  if (typeof derived === "boolean" || derived.length !== expected.length) return false;
  return timingSafeEqual(derived, expected);
}

async function verifyCustomHash(password: string, hash: CustomHash): Promise<boolean> {
  const bytes = Buffer.from(password, hash.passwordEncoding ?? "utf8");
  /** salt + password (prefix, the default) or password + salt: bcrypt, digest and hmac. */
  const salted = (fields: { salt?: string; saltPosition?: "prefix" | "suffix" }) => {
    if (!fields.salt) return bytes;
    const salt = fromBase64Url(fields.salt);
    return fields.saltPosition === "suffix" ? Buffer.concat([bytes, salt]) : Buffer.concat([salt, bytes]);
  };
  switch (hash.algorithm) {
    case "bcrypt":
      return (await deriveInWorker({ kind: "bcrypt", password: salted(hash), hash: hash.hash })) === true;
    case "digest":
      return same(await deriveInWorker({ kind: "digest", digest: hash.digest, data: salted(hash) }), fromBase64Url(hash.hash));
    case "hmac":
      return same(await deriveInWorker({ kind: "hmac", digest: hash.digest, key: fromBase64Url(hash.key), data: salted(hash) }), fromBase64Url(hash.hash));
    case "pbkdf2": {
      const expected = fromBase64Url(hash.hash);
      const spec = { kind: "pbkdf2" as const, digest: hash.digest, password: bytes, salt: fromBase64Url(hash.salt), iterations: hash.iterations, keyLength: expected.length };
      return same(await deriveInWorker(spec), expected);
    }
    case "scrypt": {
      const expected = fromBase64Url(hash.hash);
      const { cost, blockSize, parallelization } = hash;
      return same(await deriveInWorker({ kind: "scrypt", password: bytes, salt: fromBase64Url(hash.salt), cost, blockSize, parallelization, keyLength: expected.length }), expected);
    }
    case "argon2": {
      const expected = fromBase64Url(hash.hash);
      const { variant, version, memory, iterations, parallelism } = hash;
      const secret = hash.secret ? { secret: fromBase64Url(hash.secret) } : {};
      const spec = { kind: "argon2" as const, variant, version, memory, iterations, parallelism, password: bytes, salt: fromBase64Url(hash.salt), ...secret, keyLength: expected.length };
      return same(await deriveInWorker(spec), expected);
    }
    case "firebase-scrypt": {
      // key = scrypt(password, salt + separator, 2^memCost, rounds, 1, 32); hash = AES-256-CTR(key, 0^16)(signerKey)
      const salt = Buffer.concat([fromBase64Url(hash.salt), fromBase64Url(hash.saltSeparator)]);
      const key = await deriveInWorker({ kind: "scrypt", password: bytes, salt, cost: 2 ** hash.memCost, blockSize: hash.rounds, parallelization: 1, keyLength: 32 });
      if (typeof key === "boolean") return false;
      const cipher = createCipheriv("aes-256-ctr", key, Buffer.alloc(16, 0));
      const computed = Buffer.concat([cipher.update(fromBase64Url(hash.signerKey)), cipher.final()]);
      return same(computed, fromBase64Url(hash.hash));
    }
  }
}
