// /api/v2/attack-protection/* (auth0-authentication.md F.1; auth0-management-api.md §3.14): the
// tenant's brute-force protection, suspicious IP throttling and breached password detection
// settings, in Auth0's shapes with Auth0's defaults (lib/attack-protection/settings.ts). GET answers
// the effective settings; PATCH replaces the properties sent (stages merge) and answers the result.
// Scopes read:attack_protection / update:attack_protection.
import {
  breachedPasswordUpdateSchema,
  bruteForceUpdateSchema,
  getAttackProtectionSettings,
  suspiciousIpThrottlingUpdateSchema,
  updateAttackProtectionSettings,
  type AttackProtectionSettings,
} from "../../attack-protection/settings.ts";
import { defineOperation } from "../operation.ts";

const SECTIONS = {
  "brute-force-protection": { key: "brute_force_protection", schema: bruteForceUpdateSchema, name: "brute force" },
  "suspicious-ip-throttling": { key: "suspicious_ip_throttling", schema: suspiciousIpThrottlingUpdateSchema, name: "suspicious IP throttling" },
  "breached-password-detection": { key: "breached_password_detection", schema: breachedPasswordUpdateSchema, name: "breached password detection" },
} as const satisfies Record<string, { key: keyof AttackProtectionSettings; schema: unknown; name: string }>;

function getOperation(path: keyof typeof SECTIONS) {
  const section = SECTIONS[path];
  return defineOperation({
    method: "GET",
    path: `/attack-protection/${path}`,
    summary: `Get ${section.name} settings`,
    scopes: ["read:attack_protection"],
    successStatus: 200,
    async handler({ db }) {
      return { status: 200, body: (await getAttackProtectionSettings(db))[section.key] };
    },
  });
}

function updateOperation(path: keyof typeof SECTIONS) {
  const section = SECTIONS[path];
  return defineOperation({
    method: "PATCH",
    path: `/attack-protection/${path}`,
    summary: `Update ${section.name} settings`,
    scopes: ["update:attack_protection"],
    body: section.schema as never,
    successStatus: 200,
    async handler({ db, body }) {
      return { status: 200, body: await updateAttackProtectionSettings(db, section.key, body as unknown as Record<string, unknown>) };
    },
  });
}

export const getBruteForceProtectionOperation = getOperation("brute-force-protection");
export const updateBruteForceProtectionOperation = updateOperation("brute-force-protection");
export const getSuspiciousIpThrottlingOperation = getOperation("suspicious-ip-throttling");
export const updateSuspiciousIpThrottlingOperation = updateOperation("suspicious-ip-throttling");
export const getBreachedPasswordDetectionOperation = getOperation("breached-password-detection");
export const updateBreachedPasswordDetectionOperation = updateOperation("breached-password-detection");
