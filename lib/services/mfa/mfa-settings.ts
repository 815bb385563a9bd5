// The tenant's multi-factor authentication settings, in Auth0's two shapes (auth0-authentication.md
// Part H; Management API /api/v2/guardian/policies and /api/v2/guardian/factors), stored in
// TenantSettings.mfa:
//   policies   [] (MFA only for users who enrolled) or ["all-applications"] (every login). Default
//              []: nothing changes for a tenant until an operator turns MFA on.
//   factors    enabled flag per Guardian factor name. Gatehouse implements `otp` (TOTP, RFC 6238)
//              and `recovery-code`; the other factors can be stored disabled (deploy tools send
//              them all) but not enabled. Defaults: otp off (Auth0's default); recovery-code on
//              (Auth0's is off): the first OTP enrollment then always leaves the user a way back
//              in besides an operator's reset.
// MFA is asked for when `otp` is enabled and either the policy is "all-applications" or the user
// has a confirmed OTP authenticator (./mfa-requirement.ts). Read on every login: cached.
import type { Db } from "../../db/client.ts";
import { cached } from "../../cache/config-cache.ts";
import { toJson } from "../../db/json.ts";
import { invalid } from "../errors.ts";

export const GUARDIAN_FACTOR_NAMES = ["push-notification", "sms", "email", "duo", "otp", "webauthn-roaming", "webauthn-platform", "recovery-code"] as const;
export type GuardianFactorName = (typeof GUARDIAN_FACTOR_NAMES)[number];
/** Factors Gatehouse can enable. */
export const SUPPORTED_FACTORS: ReadonlySet<GuardianFactorName> = new Set(["otp", "recovery-code"]);

export const MFA_POLICIES = ["all-applications", "confidence-score"] as const;
export type MfaPolicy = (typeof MFA_POLICIES)[number];

export type MfaSettings = { policies: MfaPolicy[]; factors: Record<GuardianFactorName, boolean> };

const DEFAULT_FACTORS: Record<GuardianFactorName, boolean> = Object.fromEntries(
  GUARDIAN_FACTOR_NAMES.map((name) => [name, name === "recovery-code"]),
) as Record<GuardianFactorName, boolean>;

type Stored = { policies?: unknown; factors?: Record<string, unknown> };

function resolve(stored: Stored | null): MfaSettings {
  const factors = { ...DEFAULT_FACTORS };
  for (const name of GUARDIAN_FACTOR_NAMES) if (typeof stored?.factors?.[name] === "boolean") factors[name] = stored.factors[name] as boolean;
  const policies = Array.isArray(stored?.policies) ? (stored.policies.filter((p) => (MFA_POLICIES as readonly unknown[]).includes(p)) as MfaPolicy[]) : [];
  return { policies, factors };
}

async function readStored(db: Db): Promise<Stored | null> {
  const row = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { mfa: true } });
  return row?.mfa && typeof row.mfa === "object" && !Array.isArray(row.mfa) ? (row.mfa as Stored) : null;
}

/** The effective settings (defaults applied), from the configuration cache. */
export function getMfaSettings(db: Db): Promise<MfaSettings> {
  return cached("tenant:mfa", async () => resolve(await readStored(db)));
}

async function write(db: Db, change: (stored: Stored) => Stored): Promise<MfaSettings> {
  return db.$transaction(async (tx) => {
    const row = await tx.tenantSettings.findUnique({ where: { id: 1 }, select: { mfa: true } });
    const stored = (row?.mfa && typeof row.mfa === "object" && !Array.isArray(row.mfa) ? row.mfa : {}) as Stored;
    const next = change(stored);
    await tx.tenantSettings.update({ where: { id: 1 }, data: { mfa: toJson(next) } });
    return resolve(next);
  });
}

/** PUT /guardian/policies: replaces the list. `confidence-score` (adaptive MFA) is not implemented. */
export async function setMfaPolicies(db: Db, policies: MfaPolicy[]): Promise<MfaPolicy[]> {
  if (policies.includes("confidence-score")) throw invalid("The confidence-score policy (adaptive MFA) is not supported by Gatehouse.", "invalid_body");
  const next = await write(db, (stored) => ({ ...stored, policies: [...new Set(policies)] }));
  return next.policies;
}

/** PUT /guardian/factors/{name}: enables or disables a factor; only supported ones can be enabled. */
export async function setGuardianFactor(db: Db, name: GuardianFactorName, enabled: boolean): Promise<{ enabled: boolean }> {
  if (enabled && !SUPPORTED_FACTORS.has(name)) throw invalid(`The ${name} factor is not supported by Gatehouse: only otp and recovery-code can be enabled.`, "invalid_body");
  const next = await write(db, (stored) => ({ ...stored, factors: { ...(stored.factors ?? {}), [name]: enabled } }));
  return { enabled: next.factors[name] };
}

/** GET /guardian/factors: every factor with its flag, in Auth0's order. */
export async function listGuardianFactors(db: Db): Promise<{ name: GuardianFactorName; enabled: boolean; trial_expired: boolean }[]> {
  const { factors } = await getMfaSettings(db);
  return GUARDIAN_FACTOR_NAMES.map((name) => ({ name, enabled: factors[name], trial_expired: false }));
}
