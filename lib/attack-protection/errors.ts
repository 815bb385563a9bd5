// What attack protection answers when it refuses an attempt. Each family renders it its own way:
// the token endpoint as `{error, error_description}` with 429 and Retry-After, hosted pages as the
// message, /dbconnections as a 429 JSON error.
export type AttackProtectionCode =
  /** Brute-force protection: this identifier is blocked (from this IP). */
  | "too_many_attempts"
  /** Suspicious IP throttling: this IP failed too often across accounts, or signed up too often. */
  | "ip_throttled"
  /** A rate limit (per IP or per identifier). */
  | "too_many_requests";

export const ATTACK_PROTECTION_MESSAGES: Record<AttackProtectionCode, string> = {
  too_many_attempts:
    "Your account has been blocked after multiple consecutive login attempts. We've sent you an email with instructions on how to unblock it.",
  ip_throttled: "We have detected suspicious login behavior and further attempts will be blocked. Please contact the administrator.",
  too_many_requests: "Too many attempts. Please wait a moment and try again.",
};

export class AttackProtectionError extends Error {
  override name = "AttackProtectionError";
  constructor(
    readonly code: AttackProtectionCode,
    /** When to try again, if known (rate limits and throttling; a brute-force block has no end but its expiry). */
    readonly retryAfterSeconds?: number,
    message = ATTACK_PROTECTION_MESSAGES[code],
  ) {
    super(message);
  }
}
