// Validates the password-hash fields of an import record and returns the ONE string to store in
// user_passwords.hash (null when the record has no password).
//
// STORED FORMAT (see stored-hash.ts for the descriptor shapes):
//   * plain bcrypt `$2a$` / `$2b$` / `$2y$` + 2-digit cost + 53 characters, stored unchanged: Auth0's
//     `password_hash`, its export's `passwordHash`, and `custom_password_hash` bcrypt without salt
//     or password encoding;
//   * `$gh-custom$<base64url(JSON descriptor)>` for everything else, the descriptor being one of
//     { algorithm: "bcrypt" | "digest" | "hmac" | "pbkdf2" | "scrypt" | "argon2" | "firebase-scrypt", ... }
//     with byte fields in base64url. verifyPasswordHash (verify-password.ts) reads both; a
//     `$gh-custom$` string given back as password_hash is accepted unchanged (Gatehouse → Gatehouse).
//
// ACCEPTED INPUT (record fields):
//   password_hash          Auth0: a bcrypt string. Beyond Auth0, any self-describing string:
//                          PHC ($argon2id|i|d$, $scrypt$, $pbkdf2-<digest>$, passlib's $pbkdf2-sha256$<rounds>$),
//                          Django (pbkdf2_sha256$, pbkdf2_sha1$, argon2$, scrypt$, md5$, sha1$),
//                          RFC 2307 LDAP ({SSHA}..., {SHA512}...), a Keycloak credential
//                          ({ secretData, credentialData }, as an object or a JSON string), or `$gh-custom$`.
//   passwordHash           Auth0's own user export (bcrypt); same rules as password_hash.
//   custom_password_hash   Auth0 §5.3 (argon2, bcrypt, hmac, ldap, md4, md5, sha1, sha256, sha512,
//                          pbkdf2, scrypt; every encoding, salt position and password encoding), the
//                          legacy { algorithm, hash: "<string>", encoding, salt_prefix | salt_suffix }
//                          shape, and the extensions firebase-scrypt, phc, django and keycloak
//                          (hash-formats/custom-password-hash.ts documents their fields).
// At most one of them. Nothing is hashed here: validation is cheap and runs on the caller's thread.
//
// ERRORS: { ok: false, code, message, path }: `path` is the JSON path of the bad field
// (e.g. custom_password_hash.hash.encoding), `code` says what is wrong (HASH_ENCODING_INVALID,
// SALT_NOT_ALLOWED, SCRYPT_KEYLEN_MISSING, PBKDF2_DIGEST_UNSUPPORTED, ...), `message` = "<path>: <what>".
import { parseCustomPasswordHash } from "./hash-formats/custom-password-hash.ts";
import { isDjangoHash, parseDjango } from "./hash-formats/django.ts";
import { HashFormatError } from "./hash-formats/errors.ts";
import { isKeycloakCredential, parseKeycloak } from "./hash-formats/keycloak.ts";
import { parseLdap } from "./hash-formats/ldap.ts";
import { isPhcString, parsePhc } from "./hash-formats/phc.ts";
import { BCRYPT_PATTERN, CUSTOM_HASH_PREFIX, decodeStoredHash, encodeStoredHash, type CustomHash } from "./stored-hash.ts";

export type ImportPasswordHashResult = { ok: true; hash: string | null } | { ok: false; code: string; message: string; path: string };

export type ImportPasswordHashRecord = { password_hash?: unknown; custom_password_hash?: unknown; passwordHash?: unknown };

const present = (value: unknown) => value !== undefined && value !== null;

export function importPasswordHash(record: ImportPasswordHashRecord): ImportPasswordHashResult {
  try {
    const given = (["password_hash", "passwordHash", "custom_password_hash"] as const).filter((field) => present(record[field]));
    if (given.length > 1) {
      const message = `${given.join(" and ")} are mutually exclusive`;
      return { ok: false, code: "PASSWORD_HASH_CONFLICT", message: `${given[1]}: ${message}`, path: given[1]! };
    }
    const field = given[0];
    if (field === undefined) return { ok: true, hash: null };
    const parsed = field === "custom_password_hash" ? parseCustomPasswordHash(record[field]) : parseSelfDescribing(record[field], field);
    return { ok: true, hash: typeof parsed === "string" ? parsed : encodeStoredHash(parsed) };
  } catch (error) {
    if (error instanceof HashFormatError) return { ok: false, code: error.code, message: error.message, path: error.path };
    throw error;
  }
}

/** A password_hash value: a string (or Keycloak credential object) that says what it is. */
export function parseSelfDescribing(value: unknown, path: string): CustomHash | string {
  if (typeof value !== "string") {
    if (isKeycloakCredential(value)) return parseKeycloak(value, path);
    throw new HashFormatError("PASSWORD_HASH_INVALID_TYPE", `${path}: must be a string`, path);
  }
  const text = value.trim();
  if (BCRYPT_PATTERN.test(text)) return text;
  if (text.startsWith("$2")) {
    throw new HashFormatError("BCRYPT_HASH_INVALID", `${path}: not a bcrypt hash ($2a$, $2b$ or $2y$, cost 04-31, 53 characters; $2$ and $2x$ are not supported)`, path);
  }
  if (text.startsWith(CUSTOM_HASH_PREFIX)) {
    const descriptor = decodeStoredHash(text);
    if (!descriptor) throw new HashFormatError("GATEHOUSE_HASH_INVALID", `${path}: not a valid ${CUSTOM_HASH_PREFIX} hash`, path);
    return descriptor;
  }
  if (isPhcString(text)) return parsePhc(text, path);
  if (isDjangoHash(text)) return parseDjango(text, path);
  if (text.startsWith("{") && isKeycloakCredential(text)) return parseKeycloak(text, path);
  if (/^\{[A-Za-z0-9-]+\}/.test(text)) return parseLdap(text, path);
  throw new HashFormatError("PASSWORD_HASH_UNRECOGNIZED", `${path}: not a recognized hash format (bcrypt, PHC, Django, LDAP, Keycloak)`, path);
}
