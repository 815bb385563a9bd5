// TOTP (RFC 6238) over HOTP (RFC 4226), with node:crypto only: HMAC-SHA-1, 6 digits, 30-second
// steps — what authenticator apps (Google Authenticator, 1Password, Authy, ...) compute by default
// and what Auth0's `otp` factor uses. A code is accepted for the current step and one step either
// side (RFC 6238 §5.2: clock drift and the time it takes to type), and never for a step at or
// before the last one accepted (§5.2: each code is valid once; the caller stores that step).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export type TotpAlgorithm = "sha1" | "sha256" | "sha512";
export type TotpOptions = { digits?: number; periodSeconds?: number; algorithm?: TotpAlgorithm };

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;
/** RFC 4226 §4 R6: at least 128 bits, 160 recommended (the HMAC-SHA-1 block's natural size). */
const SECRET_BYTES = 20;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32, upper case, without padding (the otpauth:// `secret` form). */
export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces, dashes and padding; null when it is not base32. */
export function base32Decode(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/[\s-]/g, "").replace(/=+$/, "");
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value < 0) return null;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/** A new TOTP key, base32 (160 bits from the OS CSPRNG). */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

/** RFC 4226 §5.3: HMAC over the 8-byte big-endian counter, dynamic truncation, `digits` decimal digits. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS, algorithm: TotpAlgorithm = "sha1"): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** RFC 6238 §4.2: the time step of a moment (T0 = 0). */
export function totpStep(timeMs: number, periodSeconds = TOTP_PERIOD_SECONDS): number {
  return Math.floor(timeMs / 1000 / periodSeconds);
}

/** The code for a moment. */
export function totp(key: Uint8Array, timeMs: number, options: TotpOptions = {}): string {
  return hotp(key, totpStep(timeMs, options.periodSeconds), options.digits, options.algorithm);
}

/**
 * The step `code` belongs to, within ±TOTP_WINDOW steps of `timeMs` and after `lastUsedStep`;
 * null when it matches none. Every candidate step is compared (in constant time), so the time
 * taken does not tell which one matched.
 */
export function verifyTotp(key: Uint8Array, code: string, input: { timeMs: number; lastUsedStep?: number | null; window?: number } & TotpOptions): number | null {
  const digits = input.digits ?? TOTP_DIGITS;
  const given = code.replace(/\s/g, "");
  if (!new RegExp(`^\\d{${digits}}$`).test(given)) return null;
  const current = totpStep(input.timeMs, input.periodSeconds);
  const window = input.window ?? TOTP_WINDOW;
  let matched: number | null = null;
  for (let step = current - window; step <= current + window; step++) {
    const expected = hotp(key, step, digits, input.algorithm);
    const equal = timingSafeEqual(Buffer.from(expected), Buffer.from(given));
    if (equal && matched === null && (input.lastUsedStep == null || step > input.lastUsedStep)) matched = step;
  }
  return matched;
}

/**
 * The otpauth:// URI authenticator apps read (the Key Uri Format of Google Authenticator):
 * `otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30`.
 */
export function otpauthUri(input: { secret: string; issuer: string; account: string }): string {
  const label = `${encodeURIComponent(input.issuer.replace(/:/g, ""))}:${encodeURIComponent(input.account)}`;
  const query = new URLSearchParams({ secret: input.secret, issuer: input.issuer, algorithm: "SHA1", digits: String(TOTP_DIGITS), period: String(TOTP_PERIOD_SECONDS) });
  return `otpauth://totp/${label}?${query.toString().replace(/\+/g, "%20")}`;
}
