// The stored form of a password hash (user_passwords.hash, password_history.hash). Two shapes:
//
//   1. A bcrypt string, `$2a$` / `$2b$` / `$2y$` + cost + 53 characters: Gatehouse's own hashes and
//      imported plain bcrypt (Auth0's password_hash, its export's passwordHash).
//   2. `$gh-custom$` + base64url (no padding) of a UTF-8 JSON descriptor, for every other imported
//      format. The descriptor is one of the `CustomHash` shapes below, discriminated by
//      `algorithm`; byte fields (hash, salt, key, ...) are base64url without padding; a missing
//      `passwordEncoding` means utf8 (the encoding the typed password is transcoded to before
//      hashing), a missing `saltPosition` means prefix (digest(salt + password)).
//
// Every input format is normalized to these few primitives at import (LDAP {SSHA} is a salted
// sha1 digest with the salt as suffix, a Django pbkdf2_sha256 string is pbkdf2, a PHC string is
// argon2 / scrypt / pbkdf2, ...), so verification knows nothing about where a hash came from.
// `decodeStoredHash` re-validates the descriptor with the import limits (cost bounds included), so
// a hand-written row cannot make a login do unbounded work.
import { z } from "zod";
import { DIGESTS, type Digest } from "./hash-formats/digests.ts";
import { fromBase64Url, PASSWORD_ENCODINGS, type PasswordEncoding } from "./hash-formats/encoding.ts";

export const CUSTOM_HASH_PREFIX = "$gh-custom$";

/** bcrypt as Gatehouse stores and verifies it: $2a$/$2b$/$2y$, cost 04-31, 22 + 31 characters. */
export const BCRYPT_PATTERN = /^\$2[aby]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}$/;

/** The cost of a bcrypt string, or null when it is not one. */
export function bcryptCost(hash: string): number | null {
  const match = BCRYPT_PATTERN.exec(hash);
  return match ? Number(match[1]) : null;
}

/** Bounds on imported work factors: a login must stay affordable (two workers, 2 cores). */
export const LIMITS = {
  argon2: { maxMemoryKib: 1_048_576, maxIterations: 64, maxParallelism: 64 },
  scrypt: { maxMemoryBytes: 1 << 30 },
  pbkdf2: { maxIterations: 10_000_000 },
  firebase: { maxRounds: 8, maxMemCost: 14 },
  minSaltBytes: { argon2: 8 },
  maxOutputBytes: 1024,
} as const;

type Common = { passwordEncoding?: PasswordEncoding };
type Salted = { salt?: string; saltPosition?: "prefix" | "suffix" };

export type CustomHash =
  /** bcrypt over salt + password (or password + salt) or over a transcoded password. */
  | ({ algorithm: "bcrypt"; hash: string } & Salted & Common)
  /** digest(salt + password): md4, md5, sha1, sha256, sha512, ... (and LDAP schemes). */
  | ({ algorithm: "digest"; digest: Digest; hash: string } & Salted & Common)
  /** HMAC-digest(key, salt + password). */
  | ({ algorithm: "hmac"; digest: Digest; key: string; hash: string } & Salted & Common)
  /** PBKDF2-HMAC-digest(password, salt, iterations, hash length). */
  | ({ algorithm: "pbkdf2"; digest: Digest; iterations: number; salt: string; hash: string } & Common)
  /** scrypt(password, salt, N = cost, r = blockSize, p = parallelization, hash length). */
  | ({ algorithm: "scrypt"; cost: number; blockSize: number; parallelization: number; salt: string; hash: string } & Common)
  /** Argon2 (RFC 9106), version 16 (0x10) or 19 (0x13); memory in KiB; `secret` is the optional key. */
  | ({
      algorithm: "argon2";
      variant: "argon2id" | "argon2i" | "argon2d";
      version: 16 | 19;
      memory: number;
      iterations: number;
      parallelism: number;
      salt: string;
      hash: string;
      secret?: string;
    } & Common)
  /**
   * Firebase's modified scrypt: key = scrypt(password, salt + saltSeparator, N = 2^memCost,
   * r = rounds, p = 1, 32 bytes); hash = AES-256-CTR(key, zero IV) of signerKey.
   */
  | ({ algorithm: "firebase-scrypt"; rounds: number; memCost: number; salt: string; saltSeparator: string; signerKey: string; hash: string } & Common);

const b64u = z.string().regex(/^[A-Za-z0-9_-]*$/);
const nonEmpty = b64u.min(1);
const common = { passwordEncoding: z.enum(PASSWORD_ENCODINGS).optional() };
const salted = { salt: nonEmpty.optional(), saltPosition: z.enum(["prefix", "suffix"]).optional() };
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const powerOfTwo = (n: number) => n > 1 && (n & (n - 1)) === 0;

const descriptorSchema = z.discriminatedUnion("algorithm", [
  z.strictObject({ algorithm: z.literal("bcrypt"), hash: z.string().regex(BCRYPT_PATTERN), ...salted, ...common }),
  z.strictObject({ algorithm: z.literal("digest"), digest: z.enum(DIGESTS), hash: nonEmpty, ...salted, ...common }),
  z.strictObject({ algorithm: z.literal("hmac"), digest: z.enum(DIGESTS), key: nonEmpty, hash: nonEmpty, ...salted, ...common }),
  z.strictObject({
    algorithm: z.literal("pbkdf2"),
    digest: z.enum(DIGESTS),
    iterations: int(1, LIMITS.pbkdf2.maxIterations),
    salt: b64u,
    hash: nonEmpty,
    ...common,
  }),
  z
    .strictObject({
      algorithm: z.literal("scrypt"),
      cost: z.number().int().refine(powerOfTwo),
      blockSize: int(1, 1024),
      parallelization: int(1, 1024),
      salt: b64u,
      hash: nonEmpty,
      ...common,
    })
    .refine((d) => 128 * d.cost * d.blockSize <= LIMITS.scrypt.maxMemoryBytes),
  z
    .strictObject({
      algorithm: z.literal("argon2"),
      variant: z.enum(["argon2id", "argon2i", "argon2d"]),
      version: z.union([z.literal(16), z.literal(19)]),
      memory: int(8, LIMITS.argon2.maxMemoryKib),
      iterations: int(1, LIMITS.argon2.maxIterations),
      parallelism: int(1, LIMITS.argon2.maxParallelism),
      salt: nonEmpty,
      hash: nonEmpty,
      secret: nonEmpty.optional(),
      ...common,
    })
    .refine((d) => d.memory >= 8 * d.parallelism),
  z.strictObject({
    algorithm: z.literal("firebase-scrypt"),
    rounds: int(1, LIMITS.firebase.maxRounds),
    memCost: int(1, LIMITS.firebase.maxMemCost),
    salt: b64u,
    saltSeparator: b64u,
    signerKey: nonEmpty,
    hash: nonEmpty,
    ...common,
  }),
]);

/** The stored string for a descriptor (fields in a fixed order, so equal descriptors give equal strings). */
export function encodeStoredHash(hash: CustomHash): string {
  const ordered = Object.fromEntries(Object.entries(hash).filter(([, v]) => v !== undefined));
  return CUSTOM_HASH_PREFIX + Buffer.from(JSON.stringify(ordered), "utf8").toString("base64url");
}

/** The descriptor of a `$gh-custom$` string, or null when the string is not a valid one. */
export function decodeStoredHash(stored: string): CustomHash | null {
  if (!stored.startsWith(CUSTOM_HASH_PREFIX)) return null;
  const body = stored.slice(CUSTOM_HASH_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return null;
  let json: unknown;
  try {
    json = JSON.parse(fromBase64Url(body).toString("utf8"));
  } catch {
    return null;
  }
  const parsed = descriptorSchema.safeParse(json);
  if (!parsed.success) return null;
  const d = parsed.data as CustomHash;
  // Output lengths are bounded like the work factors.
  if (fromBase64Url(d.hash).length > LIMITS.maxOutputBytes && d.algorithm !== "bcrypt") return null;
  if (d.algorithm === "argon2" && fromBase64Url(d.salt).length < LIMITS.minSaltBytes.argon2) return null;
  return d;
}
