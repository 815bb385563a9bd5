// Keycloak password credentials, as in a realm export (`users[].credentials[]`) or its database:
//   { "type": "password", "secretData": "<JSON>", "credentialData": "<JSON>" }
// secretData and credentialData are JSON strings (objects are accepted too):
//   secretData      { "value": "<base64 hash>", "salt": "<base64 salt>", "additionalParameters": {} }
//   credentialData  { "hashIterations": 27500, "algorithm": "pbkdf2-sha256", "additionalParameters": {} }
// Algorithms: pbkdf2 (HMAC-SHA1), pbkdf2-sha256, pbkdf2-sha512 (key length = the hash's), and
// argon2, whose additionalParameters hold one-element string arrays: type (id|i|d, default id),
// version (1.3 | 1.0, default 1.3), memory (KiB, default 7168), parallelism (default 1),
// hashLength; iterations are hashIterations (default 5). Passwords are UTF-8 (Java's PBKDF2 and
// BouncyCastle's Argon2 both encode chars as UTF-8).
import { type CustomHash, LIMITS } from "../stored-hash.ts";
import { decodeBase64, toBase64Url } from "./encoding.ts";
import { fail } from "./errors.ts";

const PBKDF2 = { pbkdf2: "sha1", "pbkdf2-sha256": "sha256", "pbkdf2-sha512": "sha512" } as const;

function jsonObject(value: unknown, path: string): Record<string, unknown> {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      fail("KEYCLOAK_CREDENTIAL_MALFORMED", path, "not valid JSON");
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) fail("KEYCLOAK_CREDENTIAL_MALFORMED", path, "must be a JSON object");
  return parsed as Record<string, unknown>;
}

export function isKeycloakCredential(value: unknown): boolean {
  if (typeof value === "string") {
    if (!value.trimStart().startsWith("{")) return false;
    try {
      value = JSON.parse(value);
    } catch {
      return false;
    }
  }
  return typeof value === "object" && value !== null && "secretData" in value && "credentialData" in value;
}

export function parseKeycloak(value: unknown, path: string): CustomHash {
  const credential = jsonObject(value, path);
  if (credential.type !== undefined && credential.type !== "password") fail("KEYCLOAK_CREDENTIAL_MALFORMED", `${path}.type`, `credential type "${String(credential.type)}" is not password`);
  const secret = jsonObject(credential.secretData, `${path}.secretData`);
  const data = jsonObject(credential.credentialData, `${path}.credentialData`);
  const hash = typeof secret.value === "string" ? decodeBase64(secret.value) : null;
  if (!hash || hash.length === 0) fail("KEYCLOAK_HASH_INVALID", `${path}.secretData.value`, "missing or not base64");
  const salt = typeof secret.salt === "string" ? decodeBase64(secret.salt) : null;
  if (!salt) fail("KEYCLOAK_SALT_INVALID", `${path}.secretData.salt`, "missing or not base64");
  const algorithm = data.algorithm;
  const iterations = data.hashIterations;
  const iterationsPath = `${path}.credentialData.hashIterations`;
  if (iterations !== undefined && (typeof iterations !== "number" || !Number.isInteger(iterations) || iterations < 1))
    fail("KEYCLOAK_PARAMETER_INVALID", iterationsPath, "must be a positive integer");

  if (typeof algorithm === "string" && algorithm in PBKDF2) {
    if (iterations === undefined) fail("KEYCLOAK_PARAMETER_INVALID", iterationsPath, "is required for pbkdf2");
    if (iterations > LIMITS.pbkdf2.maxIterations) fail("KEYCLOAK_PARAMETER_INVALID", iterationsPath, `must be at most ${LIMITS.pbkdf2.maxIterations}`);
    if (hash.length > LIMITS.maxOutputBytes) fail("KEYCLOAK_HASH_INVALID", `${path}.secretData.value`, "hash is too long");
    return { algorithm: "pbkdf2", digest: PBKDF2[algorithm as keyof typeof PBKDF2], iterations, salt: toBase64Url(salt), hash: toBase64Url(hash) };
  }
  if (algorithm === "argon2") {
    const extra = data.additionalParameters ?? {};
    const paramPath = `${path}.credentialData.additionalParameters`;
    if (typeof extra !== "object" || extra === null || Array.isArray(extra)) fail("KEYCLOAK_PARAMETER_INVALID", paramPath, "must be an object");
    const param = (name: string): string | undefined => {
      const raw = (extra as Record<string, unknown>)[name];
      if (raw === undefined) return undefined;
      const item = Array.isArray(raw) ? raw[0] : raw;
      if (typeof item !== "string" && typeof item !== "number") fail("KEYCLOAK_PARAMETER_INVALID", `${paramPath}.${name}`, "must be a string array");
      return String(item);
    };
    const int = (name: string, fallback: number, min: number, max: number): number => {
      const raw = param(name);
      if (raw === undefined) return fallback;
      const n = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
      if (!(n >= min && n <= max)) fail("KEYCLOAK_PARAMETER_INVALID", `${paramPath}.${name}`, `must be an integer between ${min} and ${max}`);
      return n;
    };
    const type = param("type") ?? "id";
    if (!["id", "i", "d"].includes(type)) fail("KEYCLOAK_PARAMETER_INVALID", `${paramPath}.type`, `unknown argon2 type "${type}"`);
    const versionText = param("version") ?? "1.3";
    if (versionText !== "1.3" && versionText !== "1.0") fail("KEYCLOAK_PARAMETER_INVALID", `${paramPath}.version`, `unknown argon2 version "${versionText}"`);
    const { maxMemoryKib, maxIterations, maxParallelism } = LIMITS.argon2;
    const parallelism = int("parallelism", 1, 1, maxParallelism);
    const memory = int("memory", 7168, 8 * parallelism, maxMemoryKib);
    const hashLength = int("hashLength", hash.length, 4, LIMITS.maxOutputBytes);
    if (hashLength !== hash.length) fail("KEYCLOAK_HASH_INVALID", `${path}.secretData.value`, `hash is ${hash.length} bytes but hashLength is ${hashLength}`);
    const t = iterations ?? 5;
    if (t > maxIterations) fail("KEYCLOAK_PARAMETER_INVALID", iterationsPath, `must be at most ${maxIterations} for argon2`);
    if (salt.length < LIMITS.minSaltBytes.argon2) fail("KEYCLOAK_SALT_INVALID", `${path}.secretData.salt`, "argon2 salt must be at least 8 bytes");
    return {
      algorithm: "argon2",
      variant: `argon2${type}` as "argon2id" | "argon2i" | "argon2d",
      version: versionText === "1.3" ? 19 : 16,
      memory,
      iterations: t,
      parallelism,
      salt: toBase64Url(salt),
      hash: toBase64Url(hash),
    };
  }
  fail("KEYCLOAK_ALGORITHM_UNSUPPORTED", `${path}.credentialData.algorithm`, `unsupported Keycloak algorithm "${String(algorithm)}"`);
}
