// Django's password field (django.contrib.auth.hashers): `<algorithm>$...`.
//   pbkdf2_sha256$<iterations>$<salt>$<base64 hash>   PBKDF2-HMAC-SHA256, salt as UTF-8 text, 32 bytes
//   pbkdf2_sha1$<iterations>$<salt>$<base64 hash>     the same with SHA-1, 20 bytes
//   argon2$argon2id$v=19$m=..,t=..,p=..$<salt>$<hash> Argon2PasswordHasher: a PHC string after "argon2"
//   scrypt$<N>$<salt>$<r>$<p>$<base64 hash>           ScryptPasswordHasher (64-byte key)
//   md5$<salt>$<hex>, sha1$<salt>$<hex>               legacy salted digests: digest(salt + password)
import type { CustomHash } from "../stored-hash.ts";
import { LIMITS } from "../stored-hash.ts";
import { DIGEST_LENGTH } from "./digests.ts";
import { decodeBase64, decodeHex, toBase64Url } from "./encoding.ts";
import { fail } from "./errors.ts";
import { parsePhc } from "./phc.ts";

export function isDjangoHash(value: string): boolean {
  return /^(pbkdf2_sha256|pbkdf2_sha1|argon2|scrypt|md5|sha1)\$/.test(value);
}

export function parseDjango(value: string, path: string): CustomHash {
  const [algorithm, ...parts] = value.split("$");
  const malformed = (what: string): never => fail("DJANGO_HASH_MALFORMED", path, `${algorithm}: ${what}`);
  const utf8Salt = (salt: string | undefined) => {
    if (!salt || salt.includes("$")) malformed("salt is missing");
    return toBase64Url(Buffer.from(salt!, "utf8"));
  };
  switch (algorithm) {
    case "pbkdf2_sha256":
    case "pbkdf2_sha1": {
      if (parts.length !== 3) malformed("expected <algorithm>$<iterations>$<salt>$<hash>");
      const [iterationsText, salt, hashText] = parts as [string, string, string];
      if (!/^\d{1,10}$/.test(iterationsText)) malformed("iterations must be an integer");
      const iterations = Number(iterationsText);
      if (iterations < 1 || iterations > LIMITS.pbkdf2.maxIterations) fail("DJANGO_PARAMETER_INVALID", path, `iterations must be between 1 and ${LIMITS.pbkdf2.maxIterations}`);
      const hash = decodeBase64(hashText);
      if (!hash || hash.length === 0) malformed("hash is not base64");
      const digest = algorithm === "pbkdf2_sha256" ? "sha256" : "sha1";
      return { algorithm: "pbkdf2", digest, iterations, salt: utf8Salt(salt), hash: toBase64Url(hash!) };
    }
    case "argon2":
      return parsePhc(`$${parts.join("$")}`, path);
    case "scrypt": {
      if (parts.length !== 5) malformed("expected scrypt$<N>$<salt>$<r>$<p>$<hash>");
      const [n, salt, r, p, hashText] = parts as [string, string, string, string, string];
      const ints = [n, r, p].map((t) => (/^\d{1,10}$/.test(t) ? Number(t) : NaN));
      const [cost, blockSize, parallelization] = ints as [number, number, number];
      if (ints.some((i) => !Number.isInteger(i) || i < 1) || cost < 2 || (cost & (cost - 1)) !== 0 || blockSize > 1024 || parallelization > 1024)
        fail("DJANGO_PARAMETER_INVALID", path, "scrypt N must be a power of two > 1, r and p 1-1024");
      if (128 * cost * blockSize > LIMITS.scrypt.maxMemoryBytes) fail("DJANGO_PARAMETER_INVALID", path, "scrypt N * r needs more than 1 GiB");
      const hash = decodeBase64(hashText);
      if (!hash || hash.length === 0) malformed("hash is not base64");
      return { algorithm: "scrypt", cost, blockSize, parallelization, salt: utf8Salt(salt), hash: toBase64Url(hash!) };
    }
    case "md5":
    case "sha1": {
      if (parts.length !== 2) malformed("expected <algorithm>$<salt>$<hex digest>");
      const hash = decodeHex(parts[1]!);
      if (!hash || hash.length !== DIGEST_LENGTH[algorithm]) malformed(`hash must be a ${DIGEST_LENGTH[algorithm]}-byte hex digest`);
      const salt = parts[0] ? utf8Salt(parts[0]) : undefined;
      return { algorithm: "digest", digest: algorithm, hash: toBase64Url(hash!), ...(salt ? { salt, saltPosition: "prefix" as const } : {}) };
    }
    default:
      fail("DJANGO_ALGORITHM_UNSUPPORTED", path, `unsupported Django algorithm "${algorithm}"`);
  }
}
