// Rate limits on login, signup and password reset, per IP and per identifier (issue 4 "Rate
// limits"). Token buckets: `limit` attempts at once, then one more every `intervalMs`. Defaults and
// why:
//   login, per identifier + IP   20, then 10/min   Auth0's documented database-login limit
//                                                  (auth0-authentication.md D.1); brute-force
//                                                  protection blocks after 10 *failures* anyway
//   login, per IP                600, then 10/s    a busy NAT or office keeps working; a credential
//                                                  stuffer is slowed (and suspicious-IP throttling
//                                                  stops it after 100 failures)
//   signup, per identifier       5, then 1/min     retries after a typo, not a mail bomb
//   signup, per IP               the suspicious-IP pre-user-registration stage (50/min by default)
//   password reset, per identifier  3, then 1 per 20 min   each one sends an email
//   password reset, per IP       20, then 10/min
// An IP on the suspicious-IP-throttling allowlist is exempt from the per-IP limits; one on the
// brute-force allowlist from the per-identifier ones (a trusted proxy or load test host).
import type { Db } from "../db/client.ts";
import { rateLimitStore, retryAfterSeconds, type Bucket } from "../security/rate-limit.ts";
import { AttackProtectionError } from "./errors.ts";
import { ipAllowed } from "./ip-allowlist.ts";
import { getAttackProtectionSettings } from "./settings.ts";

export const RATE_LIMITS = {
  loginPerIdentifier: { limit: 20, intervalMs: 6_000 },
  loginPerIp: { limit: 600, intervalMs: 100 },
  signupPerIdentifier: { limit: 5, intervalMs: 60_000 },
  resetPerIdentifier: { limit: 3, intervalMs: 20 * 60_000 },
  resetPerIp: { limit: 20, intervalMs: 6_000 },
} as const satisfies Record<string, Bucket>;

export type RateLimitedAction = "login" | "signup" | "reset";

const BUCKETS: Record<RateLimitedAction, { ip?: Bucket; identifier: Bucket }> = {
  login: { ip: RATE_LIMITS.loginPerIp, identifier: RATE_LIMITS.loginPerIdentifier },
  signup: { identifier: RATE_LIMITS.signupPerIdentifier },
  reset: { ip: RATE_LIMITS.resetPerIp, identifier: RATE_LIMITS.resetPerIdentifier },
};

/**
 * Spends one attempt of `action` for the IP and for the identifier (scoped to the IP for logins);
 * throws AttackProtectionError("too_many_requests") with the wait when either bucket is empty.
 */
export async function enforceRateLimits(db: Db, action: RateLimitedAction, input: { ip?: string; identifier?: string }): Promise<void> {
  const settings = await getAttackProtectionSettings(db);
  const store = rateLimitStore(db);
  const buckets = BUCKETS[action];
  const checks: Promise<{ allowed: boolean; retryAfterMs: number }>[] = [];
  if (buckets.ip && input.ip && !ipAllowed(input.ip, settings.suspicious_ip_throttling.allowlist))
    checks.push(store.take(`${action}:ip:${input.ip}`, buckets.ip));
  if (input.identifier && !ipAllowed(input.ip, settings.brute_force_protection.allowlist)) {
    // "ip identifier": an IP never contains a space, so the key is unambiguous.
    const scope = action === "login" ? `${input.ip ?? "-"} ${input.identifier}` : input.identifier;
    checks.push(store.take(`${action}:id:${scope}`, buckets.identifier));
  }
  const results = await Promise.all(checks);
  const refused = results.filter((r) => !r.allowed);
  if (refused.length > 0)
    throw new AttackProtectionError("too_many_requests", retryAfterSeconds(Math.max(...refused.map((r) => r.retryAfterMs))));
}
