// Random identifiers and secrets, from the OS CSPRNG only.
//
// Small requests are served from a pool of CSPRNG bytes filled 8 KB at a time (as Node's own
// randomUUID does): a randomBytes() call costs a few microseconds whatever its size, which an
// import paid three times per user (measured: 4 % of a 1M-user SQLite import's CPU). Bytes are
// handed out once and wiped from the pool as they are.
import { randomBytes, randomFillSync, createHash, timingSafeEqual } from "node:crypto";

const POOL_SIZE = 8192;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

/** `size` bytes from the OS CSPRNG (through the pool when small). */
export function secureRandomBytes(size: number): Buffer {
  if (size > POOL_SIZE / 4) return randomBytes(size);
  if (poolOffset + size > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + size));
  pool.fill(0, poolOffset, poolOffset + size);
  poolOffset += size;
  return out;
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `length` characters of [A-Za-z0-9], uniformly distributed (rejection sampling, no modulo bias). */
export function randomAlphanumeric(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of secureRandomBytes(length * 2)) {
      // 248 = 4 * 62: bytes at or above it would favour the first characters.
      if (byte < 248) out += ALPHANUMERIC[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export function randomHex(length: number): string {
  return secureRandomBytes(Math.ceil(length / 2)).toString("hex").slice(0, length);
}

/** A URL-safe secret token with `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return secureRandomBytes(bytes).toString("base64url");
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Compares two strings in time that depends only on their lengths. */
export function timingSafeEqualStrings(a: string, b: string): boolean {
  const left = createHash("sha256").update(a, "utf8").digest();
  const right = createHash("sha256").update(b, "utf8").digest();
  // Hashing first makes the comparison length-independent too.
  return timingSafeEqual(left, right) && a.length === b.length;
}
