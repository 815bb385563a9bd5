// The inverse of importPasswordHash, for user exports that include password hashes: a stored hash
// (stored-hash.ts) as the import-record fields that read it back. Auth0's own shapes wherever Auth0
// can express the hash, so a migration out of Gatehouse keeps every password:
//   bcrypt                         → { password_hash: "$2b$..." }
//   salted / transcoded bcrypt, md4/md5/sha1/sha256/sha512 digests, hmac, scrypt
//                                  → { custom_password_hash: { algorithm, hash: { value, encoding: "base64", ... },
//                                      salt?: { value, encoding: "base64", position }, password?: { encoding } } }
//   pbkdf2, argon2                 → custom_password_hash with a PHC string (hash.encoding utf8)
//   sha384 digests from LDAP       → custom_password_hash ldap {SHA384} / {SSHA384}
// Anything else (firebase-scrypt, an argon2 secret, a pbkdf2 hash without salt, ...) is exported as
// the stored string itself, { password_hash: "$gh-custom$..." }, which Gatehouse imports unchanged.
import { fromBase64Url } from "./hash-formats/encoding.ts";
import { bcryptCost, decodeStoredHash, type CustomHash } from "./stored-hash.ts";

export type ExportedPasswordHash = { password_hash: string } | { custom_password_hash: Record<string, unknown> };

const AUTH0_DIGESTS = new Set(["md4", "md5", "sha1", "sha256", "sha512"]);
const base64 = (b64url: string) => fromBase64Url(b64url).toString("base64");
const phc = (b64url: string) => base64(b64url).replace(/=+$/, "");

export function exportPasswordHash(stored: string): ExportedPasswordHash {
  if (bcryptCost(stored) !== null) return { password_hash: stored };
  const hash = decodeStoredHash(stored);
  const custom = hash && toAuth0(hash);
  if (!hash || !custom) return { password_hash: stored };
  return { custom_password_hash: { ...custom, ...(hash.passwordEncoding ? { password: { encoding: hash.passwordEncoding } } : {}) } };
}

function salt(hash: { salt?: string; saltPosition?: "prefix" | "suffix" }) {
  return hash.salt ? { salt: { value: base64(hash.salt), encoding: "base64", position: hash.saltPosition ?? "prefix" } } : {};
}

function toAuth0(hash: CustomHash): Record<string, unknown> | null {
  switch (hash.algorithm) {
    case "bcrypt":
      return { algorithm: "bcrypt", hash: { value: hash.hash, encoding: "utf8" }, ...salt(hash) };
    case "digest":
      if (AUTH0_DIGESTS.has(hash.digest)) return { algorithm: hash.digest, hash: { value: base64(hash.hash), encoding: "base64" }, ...salt(hash) };
      if (hash.digest === "sha384" && hash.saltPosition !== "prefix") {
        const bytes = Buffer.concat([fromBase64Url(hash.hash), hash.salt ? fromBase64Url(hash.salt) : Buffer.alloc(0)]);
        return { algorithm: "ldap", hash: { value: `{${hash.salt ? "SSHA384" : "SHA384"}}${bytes.toString("base64")}`, encoding: "utf8" } };
      }
      return null;
    case "hmac":
      return { algorithm: "hmac", hash: { value: base64(hash.hash), encoding: "base64", digest: hash.digest, key: { value: base64(hash.key), encoding: "base64" } }, ...salt(hash) };
    case "pbkdf2":
      if (!hash.salt) return null;
      return { algorithm: "pbkdf2", hash: { value: `$pbkdf2-${hash.digest}$i=${hash.iterations},l=${fromBase64Url(hash.hash).length}$${phc(hash.salt)}$${phc(hash.hash)}`, encoding: "utf8" } };
    case "scrypt": {
      const keylen = fromBase64Url(hash.hash).length;
      const { cost, blockSize, parallelization } = hash;
      const saltField = hash.salt ? { salt: { value: base64(hash.salt), encoding: "base64" } } : {};
      return { algorithm: "scrypt", hash: { value: base64(hash.hash), encoding: "base64" }, ...saltField, keylen, cost, blockSize, parallelization };
    }
    case "argon2":
      if (hash.secret) return null;
      return { algorithm: "argon2", hash: { value: `$${hash.variant}$v=${hash.version}$m=${hash.memory},t=${hash.iterations},p=${hash.parallelism}$${phc(hash.salt)}$${phc(hash.hash)}`, encoding: "utf8" } };
    case "firebase-scrypt":
      return null;
  }
}
