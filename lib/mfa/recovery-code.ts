// Recovery codes (Auth0's `recovery-code` factor): 24 characters of the base32 alphabet (A–Z, 2–7:
// no 0/O, 1/I or 8/B to confuse), 120 bits from the OS CSPRNG, as Auth0's are 24 upper-case
// characters. Stored only as SHA-256 (like client secrets: with this much entropy a slow hash adds
// nothing), compared after normalizing what was typed (case, spaces, dashes).
import { randomBytes } from "node:crypto";
import { sha256Hex } from "../crypto/random.ts";
import { base32Encode } from "./totp.ts";

export const RECOVERY_CODE_LENGTH = 24;

export function generateRecoveryCode(): string {
  return base32Encode(randomBytes(15));
}

/** What is compared: upper case, without spaces or dashes. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "");
}

export function looksLikeRecoveryCode(typed: string): boolean {
  return /^[A-Z2-7]{24}$/.test(normalizeRecoveryCode(typed));
}

export function recoveryCodeHash(code: string): string {
  return sha256Hex(normalizeRecoveryCode(code));
}
