// Auth0's `custom_password_hash` (auth0-management-api.md §5.3), its pre-2020 "legacy" shape, and
// Gatehouse's extension algorithms, normalized to a stored-hash descriptor (../stored-hash.ts).
//
// Auth0 algorithms: argon2, bcrypt, hmac, ldap, md4, md5, sha1, sha256, sha512, pbkdf2, scrypt,
// with Auth0's rules per algorithm (which hash.encoding, whether a salt is allowed, ...).
//
// Extensions (not in Auth0):
//   { algorithm: "firebase-scrypt",
//     hash:  { value, encoding?: "base64" },          // Firebase export's passwordHash
//     salt:  { value, encoding?: "base64" },          // the user's salt
//     signer_key:     "<base64>" | { value, encoding },  // the project's hash config
//     salt_separator: "<base64>" | { value, encoding },
//     rounds: 1-8, mem_cost: 1-14 }
//   (encodings default to base64 here, as Firebase prints them; the config's base64_signer_key
//   and base64_salt_separator are accepted as names too)
//   { algorithm: "phc",      hash: { value: "$argon2id$..." | "$scrypt$..." | "$pbkdf2-sha256$..." } }
//   { algorithm: "django",   hash: { value: "pbkdf2_sha256$..." } }            (see django.ts)
//   { algorithm: "keycloak", hash: { value: "<credential JSON>" | { secretData, credentialData } } }
import type { CustomHash } from "../stored-hash.ts";
import { BCRYPT_PATTERN, LIMITS } from "../stored-hash.ts";
import { DIGEST_LENGTH, normalizeDigest } from "./digests.ts";
import { parseDjango } from "./django.ts";
import { decodeValue, PASSWORD_ENCODINGS, toBase64Url, VALUE_ENCODINGS, type PasswordEncoding, type ValueEncoding } from "./encoding.ts";
import { fail } from "./errors.ts";
import { parseKeycloak } from "./keycloak.ts";
import { parseLdap } from "./ldap.ts";
import { isPhcString, parsePhc } from "./phc.ts";

const AUTH0_ALGORITHMS = ["argon2", "bcrypt", "hmac", "ldap", "md4", "md5", "sha1", "sha256", "sha512", "pbkdf2", "scrypt"] as const;
const EXTENSION_ALGORITHMS = ["firebase-scrypt", "phc", "django", "keycloak"] as const;
type Algorithm = (typeof AUTH0_ALGORITHMS)[number] | (typeof EXTENSION_ALGORITHMS)[number];

const ROOT = "custom_password_hash";
const DIGEST_ALGORITHMS = new Set<Algorithm>(["md4", "md5", "sha1", "sha256", "sha512"]);
/** Algorithms whose hash.value is a self-describing string (hash.encoding must be utf8, no salt). */
const STRING_ALGORITHMS = new Set<Algorithm>(["argon2", "ldap", "pbkdf2", "phc", "django", "keycloak"]);

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function checkKeys(value: Obj, allowed: readonly string[], path: string, code: string): void {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) fail(code, `${path}.${key}`, `unknown property "${key}"`);
}

function encodingOf(value: unknown, fallback: ValueEncoding, path: string, code: string): ValueEncoding {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !(VALUE_ENCODINGS as readonly string[]).includes(value)) fail(code, path, `must be one of ${VALUE_ENCODINGS.join(", ")}`);
  return value as ValueEncoding;
}

/** A { value, encoding } object (or, where `allowString`, a bare string in `fallback`). */
function encodedBytes(value: unknown, path: string, codePrefix: string, fallback: ValueEncoding, allowString = false): Buffer {
  if (value === undefined || value === null) fail(`${codePrefix}_MISSING`, path, "is required");
  if (allowString && typeof value === "string") return decodeValue(value, fallback, path, codePrefix);
  if (!isObject(value)) fail(`${codePrefix}_INVALID_TYPE`, path, "must be an object { value, encoding }");
  checkKeys(value, ["value", "encoding"], path, `${codePrefix}_UNKNOWN_PROPERTY`);
  if (typeof value.value !== "string" || value.value === "") fail(`${codePrefix}_VALUE_MISSING`, `${path}.value`, "must be a non-empty string");
  const encoding = encodingOf(value.encoding, fallback, `${path}.encoding`, `${codePrefix}_ENCODING_INVALID`);
  return decodeValue(value.value, encoding, `${path}.value`, codePrefix);
}

/** Pre-2020 shape: { algorithm, hash: "<string>", encoding, salt_prefix, salt_suffix } → the current one. */
function fromLegacy(value: Obj): Obj {
  checkKeys(value, ["algorithm", "hash", "encoding", "salt_prefix", "salt_suffix"], ROOT, "CUSTOM_HASH_UNKNOWN_PROPERTY");
  if (value.salt_prefix !== undefined && value.salt_suffix !== undefined) fail("SALT_CONFLICT", `${ROOT}.salt_suffix`, "salt_prefix and salt_suffix are mutually exclusive");
  const saltText = value.salt_prefix ?? value.salt_suffix;
  if (saltText !== undefined && typeof saltText !== "string") fail("SALT_INVALID_TYPE", `${ROOT}.${value.salt_prefix !== undefined ? "salt_prefix" : "salt_suffix"}`, "must be a string");
  return {
    algorithm: value.algorithm,
    hash: { value: value.hash, ...(value.encoding !== undefined ? { encoding: value.encoding } : {}) },
    ...(saltText ? { salt: { value: saltText, encoding: "utf8", position: value.salt_prefix !== undefined ? "prefix" : "suffix" } } : {}),
  };
}

export function parseCustomPasswordHash(input: unknown): CustomHash | string {
  if (!isObject(input)) fail("CUSTOM_HASH_INVALID_TYPE", ROOT, "must be an object");
  const value = typeof input.hash === "string" ? fromLegacy(input) : input;
  if (value.algorithm === undefined) fail("CUSTOM_HASH_ALGORITHM_MISSING", `${ROOT}.algorithm`, "is required");
  const algorithm = value.algorithm as Algorithm;
  if (typeof algorithm !== "string" || ![...AUTH0_ALGORITHMS, ...EXTENSION_ALGORITHMS].includes(algorithm))
    fail("CUSTOM_HASH_ALGORITHM_UNSUPPORTED", `${ROOT}.algorithm`, `unsupported algorithm "${String(value.algorithm)}"`);

  const allowed = ["algorithm", "hash", "salt", "password"];
  if (algorithm === "scrypt") allowed.push("keylen", "cost", "blockSize", "parallelization");
  if (algorithm === "firebase-scrypt") allowed.push("signer_key", "salt_separator", "base64_signer_key", "base64_salt_separator", "rounds", "mem_cost");
  checkKeys(value, allowed, ROOT, "CUSTOM_HASH_UNKNOWN_PROPERTY");

  // hash
  const hashPath = `${ROOT}.hash`;
  if (value.hash === undefined) fail("HASH_MISSING", hashPath, "is required");
  if (!isObject(value.hash)) fail("HASH_INVALID_TYPE", hashPath, "must be an object { value, encoding }");
  const hash = value.hash;
  checkKeys(hash, ["value", "encoding", "digest", "key"], hashPath, "HASH_UNKNOWN_PROPERTY");
  const keycloakObject = algorithm === "keycloak" && isObject(hash.value);
  if (!keycloakObject && (typeof hash.value !== "string" || hash.value === "")) fail("HASH_VALUE_MISSING", `${hashPath}.value`, "must be a non-empty string");
  if (algorithm !== "hmac") {
    if (hash.digest !== undefined) fail("HASH_DIGEST_NOT_ALLOWED", `${hashPath}.digest`, "is only allowed for hmac");
    if (hash.key !== undefined) fail("HASH_KEY_NOT_ALLOWED", `${hashPath}.key`, "is only allowed for hmac");
  }
  const defaultEncoding: ValueEncoding = algorithm === "firebase-scrypt" ? "base64" : "utf8";
  const encoding = encodingOf(hash.encoding, defaultEncoding, `${hashPath}.encoding`, "HASH_ENCODING_INVALID");
  const binaryAlgorithm = DIGEST_ALGORITHMS.has(algorithm) || algorithm === "hmac" || algorithm === "scrypt" || algorithm === "firebase-scrypt";
  if (binaryAlgorithm && encoding === "utf8") fail("HASH_ENCODING_INVALID", `${hashPath}.encoding`, `must be hex or base64 for ${algorithm}`);
  if (!binaryAlgorithm && encoding !== "utf8") fail("HASH_ENCODING_INVALID", `${hashPath}.encoding`, `must be utf8 for ${algorithm}`);

  // salt
  let salt: Buffer | undefined;
  let saltPosition: "prefix" | "suffix" | undefined;
  if (value.salt !== undefined) {
    const saltPath = `${ROOT}.salt`;
    if (STRING_ALGORITHMS.has(algorithm)) fail("SALT_NOT_ALLOWED", saltPath, `is not allowed for ${algorithm} (the salt is inside the hash)`);
    if (!isObject(value.salt)) fail("SALT_INVALID_TYPE", saltPath, "must be an object { value, encoding, position }");
    checkKeys(value.salt, ["value", "encoding", "position"], saltPath, "SALT_UNKNOWN_PROPERTY");
    const position = value.salt.position ?? "prefix";
    if (position !== "prefix" && position !== "suffix") fail("SALT_POSITION_INVALID", `${saltPath}.position`, "must be prefix or suffix");
    saltPosition = position;
    const { position: _position, ...saltValue } = value.salt;
    salt = encodedBytes(saltValue, saltPath, "SALT", defaultEncoding);
  }

  // password
  let passwordEncoding: PasswordEncoding | undefined;
  if (value.password !== undefined) {
    const passwordPath = `${ROOT}.password`;
    if (!isObject(value.password)) fail("PASSWORD_INVALID_TYPE", passwordPath, "must be an object { encoding }");
    checkKeys(value.password, ["encoding"], passwordPath, "PASSWORD_UNKNOWN_PROPERTY");
    const enc = value.password.encoding ?? "utf8";
    if (typeof enc !== "string" || !(PASSWORD_ENCODINGS as readonly string[]).includes(enc))
      fail("PASSWORD_ENCODING_INVALID", `${passwordPath}.encoding`, `must be one of ${PASSWORD_ENCODINGS.join(", ")}`);
    if (enc !== "utf8") passwordEncoding = enc as PasswordEncoding;
  }
  const common = passwordEncoding ? { passwordEncoding } : {};
  const saltFields = salt ? { salt: toBase64Url(salt), ...(saltPosition === "suffix" ? { saltPosition } : {}) } : {};
  const valuePath = `${hashPath}.value`;
  const text = hash.value as string;
  const withCommon = (parsed: CustomHash): CustomHash => ({ ...parsed, ...common });

  switch (algorithm) {
    case "bcrypt": {
      if (!BCRYPT_PATTERN.test(text)) fail("BCRYPT_HASH_INVALID", valuePath, "must be a bcrypt hash starting with $2a$, $2b$ or $2y$");
      if (!salt && !passwordEncoding) return text;
      return { algorithm: "bcrypt", hash: text, ...saltFields, ...common };
    }
    case "md4":
    case "md5":
    case "sha1":
    case "sha256":
    case "sha512": {
      const bytes = decodeValue(text, encoding, valuePath, "HASH");
      if (bytes.length !== DIGEST_LENGTH[algorithm]) fail("HASH_LENGTH_INVALID", valuePath, `a ${algorithm} digest is ${DIGEST_LENGTH[algorithm]} bytes, got ${bytes.length}`);
      return { algorithm: "digest", digest: algorithm, hash: toBase64Url(bytes), ...saltFields, ...common };
    }
    case "hmac": {
      if (hash.digest === undefined) fail("HMAC_DIGEST_MISSING", `${hashPath}.digest`, "is required for hmac");
      const digest = typeof hash.digest === "string" ? normalizeDigest(hash.digest) : null;
      if (digest === null || digest === "unsupported") fail("HMAC_DIGEST_UNSUPPORTED", `${hashPath}.digest`, `unsupported digest "${String(hash.digest)}"`);
      const key = encodedBytes(hash.key, `${hashPath}.key`, "HMAC_KEY", "utf8");
      const bytes = decodeValue(text, encoding, valuePath, "HASH");
      if (bytes.length !== DIGEST_LENGTH[digest]) fail("HASH_LENGTH_INVALID", valuePath, `an hmac-${digest} is ${DIGEST_LENGTH[digest]} bytes, got ${bytes.length}`);
      return { algorithm: "hmac", digest, key: toBase64Url(key), hash: toBase64Url(bytes), ...saltFields, ...common };
    }
    case "scrypt":
      return parseScrypt(value, text, encoding, valuePath, salt, common);
    case "firebase-scrypt":
      return parseFirebaseScrypt(value, text, encoding, valuePath, salt, common);
    case "ldap":
      return withCommon(parseLdap(text, valuePath));
    case "argon2":
      if (!/^\$argon2(id|i|d)\$/.test(text)) fail("ARGON2_HASH_INVALID", valuePath, "must be an argon2 PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash)");
      return withCommon(parsePhc(text, valuePath));
    case "pbkdf2":
      if (!/^\$pbkdf2-/.test(text)) fail("PBKDF2_HASH_INVALID", valuePath, "must be a PHC string $pbkdf2-<digest>$i=<iterations>,l=<keylen>$<salt>$<hash>");
      return withCommon(parsePhc(text, valuePath));
    case "phc":
      if (!isPhcString(text)) fail("PHC_MALFORMED", valuePath, "must be an argon2, scrypt or pbkdf2 PHC string");
      return withCommon(parsePhc(text, valuePath));
    case "django":
      return withCommon(parseDjango(text, valuePath));
    case "keycloak":
      return withCommon(parseKeycloak(hash.value, valuePath));
  }
}

function positiveInt(value: unknown, fallback: number | undefined, path: string, code: string, max: number): number {
  if (value === undefined) {
    if (fallback === undefined) fail(code.replace(/_INVALID$/, "_MISSING"), path, "is required");
    return fallback;
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) fail(code, path, `must be an integer between 1 and ${max}`);
  return value;
}

function parseScrypt(value: Obj, text: string, encoding: ValueEncoding, valuePath: string, salt: Buffer | undefined, common: { passwordEncoding?: PasswordEncoding }): CustomHash {
  const keylen = positiveInt(value.keylen, undefined, `${ROOT}.keylen`, "SCRYPT_KEYLEN_INVALID", LIMITS.maxOutputBytes);
  const cost = positiveInt(value.cost, 16384, `${ROOT}.cost`, "SCRYPT_COST_INVALID", 2 ** 30);
  if (cost < 2 || (cost & (cost - 1)) !== 0) fail("SCRYPT_COST_INVALID", `${ROOT}.cost`, "must be a power of two greater than 1");
  const blockSize = positiveInt(value.blockSize, 8, `${ROOT}.blockSize`, "SCRYPT_BLOCK_SIZE_INVALID", 1024);
  const parallelization = positiveInt(value.parallelization, 1, `${ROOT}.parallelization`, "SCRYPT_PARALLELIZATION_INVALID", 1024);
  if (128 * cost * blockSize > LIMITS.scrypt.maxMemoryBytes) fail("SCRYPT_PARAMETER_OUT_OF_RANGE", `${ROOT}.cost`, "cost * blockSize needs more than 1 GiB");
  const bytes = decodeValue(text, encoding, valuePath, "HASH");
  if (bytes.length !== keylen) fail("SCRYPT_KEYLEN_MISMATCH", valuePath, `hash is ${bytes.length} bytes but keylen is ${keylen}`);
  return { algorithm: "scrypt", cost, blockSize, parallelization, salt: toBase64Url(salt ?? Buffer.alloc(0)), hash: toBase64Url(bytes), ...common };
}

function parseFirebaseScrypt(value: Obj, text: string, encoding: ValueEncoding, valuePath: string, salt: Buffer | undefined, common: { passwordEncoding?: PasswordEncoding }): CustomHash {
  if (!salt) fail("SALT_MISSING", `${ROOT}.salt`, "is required for firebase-scrypt");
  const pick = (name: string, alias: string) => {
    if (value[name] !== undefined && value[alias] !== undefined) fail("FIREBASE_SCRYPT_PARAMETER_CONFLICT", `${ROOT}.${alias}`, `give ${name} or ${alias}, not both`);
    return value[alias] !== undefined ? { v: value[alias], path: `${ROOT}.${alias}` } : { v: value[name], path: `${ROOT}.${name}` };
  };
  const signer = pick("signer_key", "base64_signer_key");
  const signerKey = encodedBytes(signer.v, signer.path, "FIREBASE_SCRYPT_SIGNER_KEY", "base64", true);
  if (signerKey.length === 0) fail("FIREBASE_SCRYPT_SIGNER_KEY_MISSING", signer.path, "must not be empty");
  const separator = pick("salt_separator", "base64_salt_separator");
  const saltSeparator = encodedBytes(separator.v, separator.path, "FIREBASE_SCRYPT_SALT_SEPARATOR", "base64", true);
  const rounds = positiveInt(value.rounds, undefined, `${ROOT}.rounds`, "FIREBASE_SCRYPT_ROUNDS_INVALID", LIMITS.firebase.maxRounds);
  const memCost = positiveInt(value.mem_cost, undefined, `${ROOT}.mem_cost`, "FIREBASE_SCRYPT_MEM_COST_INVALID", LIMITS.firebase.maxMemCost);
  const bytes = decodeValue(text, encoding, valuePath, "HASH");
  if (bytes.length !== signerKey.length) fail("HASH_LENGTH_INVALID", valuePath, `a firebase-scrypt hash is as long as the signer key (${signerKey.length} bytes), got ${bytes.length}`);
  return {
    algorithm: "firebase-scrypt",
    rounds,
    memCost,
    salt: toBase64Url(salt),
    saltSeparator: toBase64Url(saltSeparator),
    signerKey: toBase64Url(signerKey),
    hash: toBase64Url(bytes),
    ...common,
  };
}

