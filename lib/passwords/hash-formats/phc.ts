// PHC string format (github.com/P-H-C/phc-string-format): `$<id>[$v=<version>][$<param>=<value>(,...)]
// [$<salt>[$<hash>]]`, salt and hash in standard base64 without padding. Accepted ids:
//   argon2id / argon2i / argon2d   m (KiB), t, p; v=19 (v absent = 16, the pre-1.3 encoding)
//   scrypt                         ln (log2 N) or N, r, p (passlib, @phc/scrypt)
//   pbkdf2-<digest>                i, l (Auth0, @phc/pbkdf2); or passlib's `$pbkdf2-sha256$<rounds>$`
//                                  with "adapted base64" ('.' for '+'); `$pbkdf2$` is passlib's sha1
import { type CustomHash, LIMITS } from "../stored-hash.ts";
import { normalizeDigest } from "./digests.ts";
import { decodeBase64, toBase64Url } from "./encoding.ts";
import { fail } from "./errors.ts";

export function isPhcString(value: string): boolean {
  return /^\$(argon2(id|i|d)|scrypt|pbkdf2(-[A-Za-z0-9-]+)?)\$/.test(value);
}

function parseParams(segment: string, path: string, code: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of segment.split(",")) {
    const match = /^([a-zA-Z][a-zA-Z0-9-]*)=([A-Za-z0-9/+.=-]+)$/.exec(pair);
    if (!match || params.has(match[1]!)) fail(code, path, `malformed parameter "${pair}"`);
    params.set(match[1]!, match[2]!);
  }
  return params;
}

function intParam(params: Map<string, string>, name: string, min: number, max: number, path: string, code: string, fallback?: number): number {
  const raw = params.get(name);
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    fail(code, path, `parameter ${name} is missing`);
  }
  if (!/^\d{1,10}$/.test(raw)) fail(code, path, `parameter ${name} must be an integer`);
  const value = Number(raw);
  if (value < min || value > max) fail(code, path, `parameter ${name}=${value} must be between ${min} and ${max}`);
  return value;
}

function bytes(text: string | undefined, path: string, code: string, what: string, adapted = false): Buffer {
  const decoded = text === undefined ? null : decodeBase64(adapted ? text.replace(/\./g, "+") : text);
  if (!decoded || decoded.length === 0) fail(code, path, `${what} is missing or not base64`);
  return decoded;
}

export function parsePhc(value: string, path: string): CustomHash {
  const parts = value.split("$");
  if (parts[0] !== "" || parts.length < 2) fail("PHC_MALFORMED", path, "not a PHC string");
  const id = parts[1]!;
  if (/^argon2(id|i|d)$/.test(id)) return parseArgon2(id as "argon2id" | "argon2i" | "argon2d", parts.slice(2), path);
  if (id === "scrypt") return parseScrypt(parts.slice(2), path);
  if (id === "pbkdf2" || id.startsWith("pbkdf2-")) return parsePbkdf2(id, parts.slice(2), path);
  fail("PHC_ALGORITHM_UNSUPPORTED", path, `unsupported PHC algorithm "${id}"`);
}

function parseArgon2(variant: "argon2id" | "argon2i" | "argon2d", rest: string[], path: string): CustomHash {
  let version: 16 | 19 = 16;
  if (rest[0]?.startsWith("v=")) {
    const v = rest.shift()!.slice(2);
    if (v === "19") version = 19;
    else if (v === "16") version = 16;
    else fail("ARGON2_VERSION_UNSUPPORTED", path, `argon2 version v=${v} is not 16 or 19`);
  }
  if (rest.length !== 3) fail("PHC_MALFORMED", path, "argon2 PHC string needs $<params>$<salt>$<hash>");
  const code = "ARGON2_PARAMETER_INVALID";
  const params = parseParams(rest[0]!, path, code);
  for (const name of params.keys()) {
    if (name === "data") fail("ARGON2_PARAMETER_UNSUPPORTED", path, "argon2 associated data (data=) is not supported");
    if (!["m", "t", "p", "keyid"].includes(name)) fail(code, path, `unknown argon2 parameter ${name}`);
  }
  const { maxMemoryKib, maxIterations, maxParallelism } = LIMITS.argon2;
  const parallelism = intParam(params, "p", 1, maxParallelism, path, code);
  const memory = intParam(params, "m", 8 * parallelism, maxMemoryKib, path, code);
  const iterations = intParam(params, "t", 1, maxIterations, path, code);
  const salt = bytes(rest[1], path, "ARGON2_SALT_INVALID", "salt");
  if (salt.length < LIMITS.minSaltBytes.argon2) fail("ARGON2_SALT_INVALID", path, "argon2 salt must be at least 8 bytes");
  const hash = bytes(rest[2], path, "ARGON2_HASH_INVALID", "hash");
  if (hash.length < 4 || hash.length > LIMITS.maxOutputBytes) fail("ARGON2_HASH_INVALID", path, `argon2 hash length ${hash.length} is not 4-${LIMITS.maxOutputBytes} bytes`);
  return { algorithm: "argon2", variant, version, memory, iterations, parallelism, salt: toBase64Url(salt), hash: toBase64Url(hash) };
}

function parseScrypt(rest: string[], path: string): CustomHash {
  if (rest.length !== 3) fail("PHC_MALFORMED", path, "scrypt PHC string needs $<params>$<salt>$<hash>");
  const code = "SCRYPT_PARAMETER_INVALID";
  const params = parseParams(rest[0]!, path, code);
  for (const name of params.keys()) if (!["ln", "N", "r", "p"].includes(name)) fail(code, path, `unknown scrypt parameter ${name}`);
  if (params.has("ln") === params.has("N")) fail(code, path, "scrypt needs exactly one of ln (log2 N) or N");
  const cost = params.has("ln") ? 2 ** intParam(params, "ln", 1, 30, path, code) : intParam(params, "N", 2, 2 ** 30, path, code);
  if ((cost & (cost - 1)) !== 0) fail(code, path, "scrypt N must be a power of two");
  const blockSize = intParam(params, "r", 1, 1024, path, code);
  const parallelization = intParam(params, "p", 1, 1024, path, code);
  if (128 * cost * blockSize > LIMITS.scrypt.maxMemoryBytes) fail("SCRYPT_PARAMETER_OUT_OF_RANGE", path, "scrypt N * r needs more than 1 GiB");
  const salt = bytes(rest[1], path, "SCRYPT_SALT_INVALID", "salt");
  const hash = bytes(rest[2], path, "SCRYPT_HASH_INVALID", "hash");
  if (hash.length > LIMITS.maxOutputBytes) fail("SCRYPT_HASH_INVALID", path, "scrypt hash is too long");
  return { algorithm: "scrypt", cost, blockSize, parallelization, salt: toBase64Url(salt), hash: toBase64Url(hash) };
}

function parsePbkdf2(id: string, rest: string[], path: string): CustomHash {
  const digestName = id === "pbkdf2" ? "sha1" : id.slice("pbkdf2-".length);
  const digest = normalizeDigest(digestName);
  if (digest === null || digest === "unsupported") fail("PBKDF2_DIGEST_UNSUPPORTED", path, `unsupported pbkdf2 digest "${digestName}"`);
  if (rest.length !== 3) fail("PHC_MALFORMED", path, "pbkdf2 PHC string needs $<params>$<salt>$<hash>");
  const code = "PBKDF2_PARAMETER_INVALID";
  const max = LIMITS.pbkdf2.maxIterations;
  // passlib: `$pbkdf2-sha256$<rounds>$<ab64 salt>$<ab64 hash>`.
  const passlib = /^\d+$/.test(rest[0]!);
  let iterations: number;
  let keyLength: number | undefined;
  if (passlib) {
    iterations = Number(rest[0]);
    if (iterations < 1 || iterations > max) fail(code, path, `rounds ${rest[0]} must be between 1 and ${max}`);
  } else {
    const params = parseParams(rest[0]!, path, code);
    for (const name of params.keys()) if (!["i", "l"].includes(name)) fail(code, path, `unknown pbkdf2 parameter ${name}`);
    iterations = intParam(params, "i", 1, max, path, code, 100_000);
    // `l` documents the key length (Auth0: default 64); when present it must match the hash.
    if (params.has("l")) keyLength = intParam(params, "l", 1, LIMITS.maxOutputBytes, path, code);
  }
  const salt = bytes(rest[1], path, "PBKDF2_SALT_INVALID", "salt", passlib);
  const hash = bytes(rest[2], path, "PBKDF2_HASH_INVALID", "hash", passlib);
  if (keyLength !== undefined && hash.length !== keyLength) fail("PBKDF2_KEYLEN_MISMATCH", path, `hash is ${hash.length} bytes but l=${keyLength}`);
  if (hash.length > LIMITS.maxOutputBytes) fail("PBKDF2_HASH_INVALID", path, "pbkdf2 hash is too long");
  return { algorithm: "pbkdf2", digest, iterations, salt: toBase64Url(salt), hash: toBase64Url(hash) };
}
