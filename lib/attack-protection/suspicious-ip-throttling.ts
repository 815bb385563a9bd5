// Suspicious IP throttling (auth0-authentication.md F.1, F.2 trigger B): failed logins from one IP
// across any accounts, and signups from one IP, each spend a token of the IP's bucket for that
// stage (pre-login: 100, one regained every 864,000 ms; pre-user-registration: 50, one every
// 1,200 ms). With the bucket empty the IP is throttled: 429 with Retry-After until a token comes
// back. The moment a bucket runs dry is logged `limit_mu`. Allow-listed IPs are exempt; without the
// `block` shield the IP is counted and logged but not refused (monitoring, as Auth0 does).
import type { Db } from "../db/client.ts";
import { writeLogEvent } from "../logs/write-log-event.ts";
import { rateLimitStore, retryAfterSeconds, type Bucket } from "../security/rate-limit.ts";
import { AttackProtectionError } from "./errors.ts";
import { ipAllowed } from "./ip-allowlist.ts";
import { getAttackProtectionSettings, type SuspiciousIpThrottlingSettings } from "./settings.ts";

export type ThrottledStage = "pre-login" | "pre-user-registration";

const KEY = { "pre-login": "sit:login:", "pre-user-registration": "sit:signup:" } as const;

function bucketOf(settings: SuspiciousIpThrottlingSettings, stage: ThrottledStage): Bucket {
  const { max_attempts, rate } = settings.stage[stage];
  return { limit: max_attempts, intervalMs: rate };
}

function applies(settings: SuspiciousIpThrottlingSettings, ip: string | undefined): ip is string {
  return settings.enabled && ip !== undefined && !ipAllowed(ip, settings.allowlist);
}

/** Before a login attempt: refuses an IP whose pre-login bucket is empty. */
export async function checkIpThrottle(db: Db, ip: string | undefined): Promise<void> {
  const settings = (await getAttackProtectionSettings(db)).suspicious_ip_throttling;
  if (!applies(settings, ip) || !settings.shields.includes("block")) return;
  const result = await rateLimitStore(db).check(KEY["pre-login"] + ip, bucketOf(settings, "pre-login"));
  if (!result.allowed) throw new AttackProtectionError("ip_throttled", retryAfterSeconds(result.retryAfterMs));
}

async function logThrottled(db: Db, ip: string, stage: ThrottledStage, settings: SuspiciousIpThrottlingSettings): Promise<void> {
  await writeLogEvent(db, {
    type: "limit_mu",
    description:
      stage === "pre-login"
        ? `Too many failed logins from ${ip}: the IP address is throttled`
        : `Too many signups from ${ip}: the IP address is throttled`,
    details: { ip, stage, max_attempts: settings.stage[stage].max_attempts, rate: settings.stage[stage].rate, blocked: settings.shields.includes("block") },
  });
}

/** After a failed login: spends a pre-login token of the IP; logs when the bucket runs dry. */
export async function recordFailedLoginForIp(db: Db, ip: string | undefined): Promise<void> {
  const settings = (await getAttackProtectionSettings(db)).suspicious_ip_throttling;
  if (!applies(settings, ip)) return;
  const store = rateLimitStore(db);
  const bucket = bucketOf(settings, "pre-login");
  const spent = await store.take(KEY["pre-login"] + ip, bucket);
  if (spent.allowed && !(await store.check(KEY["pre-login"] + ip, bucket)).allowed) await logThrottled(db, ip, "pre-login", settings);
}

/** Before a signup: spends a pre-user-registration token of the IP, refusing when none is left. */
export async function throttleSignup(db: Db, ip: string | undefined): Promise<void> {
  const settings = (await getAttackProtectionSettings(db)).suspicious_ip_throttling;
  if (!applies(settings, ip)) return;
  const store = rateLimitStore(db);
  const bucket = bucketOf(settings, "pre-user-registration");
  const key = KEY["pre-user-registration"] + ip;
  const spent = await store.take(key, bucket);
  if (!spent.allowed) {
    if (settings.shields.includes("block")) throw new AttackProtectionError("ip_throttled", retryAfterSeconds(spent.retryAfterMs), "Too many signups from your network. Please try again later.");
    return;
  }
  if (!(await store.check(key, bucket)).allowed) await logThrottled(db, ip, "pre-user-registration", settings);
}
