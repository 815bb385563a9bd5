// The tenant's attack-protection settings (auth0-authentication.md F.1; Management API
// /api/v2/attack-protection/*), stored in TenantSettings.attack_protection under Auth0's three
// keys. Every property has Auth0's documented default, applied when it is absent, so a fresh tenant
// is protected without any configuration:
//   brute_force_protection      on: block + user_notification, 10 consecutive failures per
//                               identifier and IP (count_per_identifier_and_ip)
//   suspicious_ip_throttling    on: block + admin_notification; pre-login 100 failed attempts per IP,
//                               one regained every 864,000 ms (100/day); pre-user-registration 50
//                               signups per IP, one regained every 1,200 ms (50/minute)
//   breached_password_detection off until an operator turns it on (Auth0 enables monitoring by
//                               default): checking costs a corpus of 8 MB in memory per instance, and
//                               the shields change what users see. Enforced by
//                               ./breached-password-detection.ts against the corpus built at install.
//                               `method` (standard | enhanced) is stored and answered as Auth0
//                               does, and changes nothing: both check the password against the
//                               local corpus plus the optional k-anonymity range service (Gatehouse
//                               has no username+password pair corpus for `enhanced` to use).
//                               `admin_notification_frequency`: immediately (an email per
//                               detection), daily / weekly / monthly (one digest per period,
//                               ./breached-password-digest.ts); any combination.
// Read on every login, so it goes through the configuration cache (TenantSettings writes empty it).
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { toJson } from "../db/json.ts";
import { cached } from "../cache/config-cache.ts";
import { isValidAllowlistEntry } from "./ip-allowlist.ts";

export type BruteForceSettings = {
  enabled: boolean;
  shields: ("block" | "user_notification")[];
  allowlist: string[];
  mode: "count_per_identifier_and_ip" | "count_per_identifier";
  max_attempts: number;
};

export type ThrottleStage = { max_attempts: number; rate: number };

export type SuspiciousIpThrottlingSettings = {
  enabled: boolean;
  shields: ("block" | "admin_notification")[];
  allowlist: string[];
  stage: { "pre-login": ThrottleStage; "pre-user-registration": ThrottleStage };
};

export type BreachedPasswordSettings = {
  enabled: boolean;
  shields: ("block" | "user_notification" | "admin_notification")[];
  admin_notification_frequency: ("immediately" | "daily" | "weekly" | "monthly")[];
  /** Both methods use the local corpus plus the optional range check (see the header). */
  method: "standard" | "enhanced";
  stage: { "pre-user-registration": { shields: ("block" | "admin_notification")[] }; "pre-change-password": { shields: ("block" | "admin_notification")[] } };
};

export type AttackProtectionSettings = {
  brute_force_protection: BruteForceSettings;
  suspicious_ip_throttling: SuspiciousIpThrottlingSettings;
  breached_password_detection: BreachedPasswordSettings;
};

export const DEFAULT_BRUTE_FORCE: BruteForceSettings = {
  enabled: true,
  shields: ["block", "user_notification"],
  allowlist: [],
  mode: "count_per_identifier_and_ip",
  max_attempts: 10,
};

export const DEFAULT_SUSPICIOUS_IP_THROTTLING: SuspiciousIpThrottlingSettings = {
  enabled: true,
  shields: ["admin_notification", "block"],
  allowlist: [],
  stage: { "pre-login": { max_attempts: 100, rate: 864_000 }, "pre-user-registration": { max_attempts: 50, rate: 1_200 } },
};

export const DEFAULT_BREACHED_PASSWORD: BreachedPasswordSettings = {
  enabled: false,
  shields: [],
  admin_notification_frequency: [],
  method: "standard",
  stage: { "pre-user-registration": { shields: [] }, "pre-change-password": { shields: [] } },
};

// ---- Request schemas (PATCH bodies): Auth0's properties, unknown ones refused ------------------

const allowlistSchema = z
  .array(z.string().max(64).refine(isValidAllowlistEntry, { message: "Must be an IPv4 or IPv6 address or CIDR range" }))
  .max(100);

export const bruteForceUpdateSchema = z.strictObject({
  enabled: z.boolean().optional(),
  shields: z.array(z.enum(["block", "user_notification"])).optional(),
  allowlist: allowlistSchema.optional(),
  mode: z.enum(["count_per_identifier_and_ip", "count_per_identifier"]).optional(),
  max_attempts: z.number().int().min(1).max(100).optional(),
});

const stageSchema = (maxAttempts: { min: number; max: number }, rate: { min: number; max: number }) =>
  z.strictObject({
    max_attempts: z.number().int().min(maxAttempts.min).max(maxAttempts.max).optional(),
    rate: z.number().int().min(rate.min).max(rate.max).optional(),
  });

export const suspiciousIpThrottlingUpdateSchema = z.strictObject({
  enabled: z.boolean().optional(),
  shields: z.array(z.enum(["block", "admin_notification"])).optional(),
  allowlist: allowlistSchema.optional(),
  stage: z
    .strictObject({
      "pre-login": stageSchema({ min: 1, max: 2500 }, { min: 34_560, max: 86_400_000 }).optional(),
      "pre-user-registration": stageSchema({ min: 1, max: 72_000 }, { min: 1_200, max: 86_400_000 }).optional(),
    })
    .optional(),
});

const stageShields = z.strictObject({ shields: z.array(z.enum(["block", "admin_notification"])).optional() });

export const breachedPasswordUpdateSchema = z.strictObject({
  enabled: z.boolean().optional(),
  shields: z.array(z.enum(["block", "user_notification", "admin_notification"])).optional(),
  admin_notification_frequency: z.array(z.enum(["immediately", "daily", "weekly", "monthly"])).optional(),
  method: z.enum(["standard", "enhanced"]).optional(),
  stage: z.strictObject({ "pre-user-registration": stageShields.optional(), "pre-change-password": stageShields.optional() }).optional(),
});

export type BruteForceUpdate = z.infer<typeof bruteForceUpdateSchema>;
export type SuspiciousIpThrottlingUpdate = z.infer<typeof suspiciousIpThrottlingUpdateSchema>;
export type BreachedPasswordUpdate = z.infer<typeof breachedPasswordUpdateSchema>;

// ---- Reading: stored values over the defaults -------------------------------------------------

type Stored = Partial<Record<keyof AttackProtectionSettings, Record<string, unknown>>>;

const unique = <T>(values: T[]): T[] => [...new Set(values)];

function resolve(stored: Stored): AttackProtectionSettings {
  const bf = (stored.brute_force_protection ?? {}) as Partial<BruteForceSettings>;
  const sit = (stored.suspicious_ip_throttling ?? {}) as Partial<Omit<SuspiciousIpThrottlingSettings, "stage">> & { stage?: Partial<Record<string, Partial<ThrottleStage>>> };
  const bpd = (stored.breached_password_detection ?? {}) as Partial<Omit<BreachedPasswordSettings, "stage">> & { stage?: Partial<BreachedPasswordSettings["stage"]> };
  const stage = (name: "pre-login" | "pre-user-registration"): ThrottleStage => ({ ...DEFAULT_SUSPICIOUS_IP_THROTTLING.stage[name], ...(sit.stage?.[name] ?? {}) });
  return {
    brute_force_protection: { ...DEFAULT_BRUTE_FORCE, ...bf },
    suspicious_ip_throttling: {
      ...DEFAULT_SUSPICIOUS_IP_THROTTLING,
      ...sit,
      stage: { "pre-login": stage("pre-login"), "pre-user-registration": stage("pre-user-registration") },
    },
    breached_password_detection: {
      ...DEFAULT_BREACHED_PASSWORD,
      ...bpd,
      stage: {
        "pre-user-registration": { ...DEFAULT_BREACHED_PASSWORD.stage["pre-user-registration"], ...(bpd.stage?.["pre-user-registration"] ?? {}) },
        "pre-change-password": { ...DEFAULT_BREACHED_PASSWORD.stage["pre-change-password"], ...(bpd.stage?.["pre-change-password"] ?? {}) },
      },
    },
  };
}

async function readStored(db: Db): Promise<Stored> {
  const row = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { attack_protection: true } });
  const value = row?.attack_protection;
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Stored) : {};
}

/** The effective settings (defaults applied), from the configuration cache. */
export function getAttackProtectionSettings(db: Db): Promise<AttackProtectionSettings> {
  return cached("tenant:attack_protection", async () => resolve(await readStored(db)));
}

type Section = keyof AttackProtectionSettings;

/**
 * PATCH semantics: the properties sent replace the stored ones; `stage` merges per stage (and per
 * property inside a stage), so `{stage: {"pre-login": {max_attempts: 5}}}` keeps the rate.
 */
export async function updateAttackProtectionSettings<S extends Section>(
  db: Db,
  section: S,
  patch: Record<string, unknown>,
): Promise<AttackProtectionSettings[S]> {
  return db.$transaction(async (tx) => {
    const row = await tx.tenantSettings.findUnique({ where: { id: 1 }, select: { attack_protection: true } });
    const stored = (row?.attack_protection && typeof row.attack_protection === "object" ? row.attack_protection : {}) as Stored;
    const current: Record<string, unknown> = { ...(stored[section] ?? {}) };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (key === "stage" && value && typeof value === "object") {
        const stages = { ...((current.stage as Record<string, Record<string, unknown>> | undefined) ?? {}) };
        for (const [name, settings] of Object.entries(value as Record<string, Record<string, unknown> | undefined>))
          if (settings) stages[name] = { ...(stages[name] ?? {}), ...settings };
        current.stage = stages;
      } else {
        current[key] = Array.isArray(value) ? unique(value) : value;
      }
    }
    const next = { ...stored, [section]: current };
    await tx.tenantSettings.update({ where: { id: 1 }, data: { attack_protection: toJson(next) } });
    return resolve(next)[section];
  });
}
