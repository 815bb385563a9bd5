// Whether a login must pass a second factor (./mfa-settings.ts): only while the `otp` factor is
// enabled, and then for every user under the "all-applications" policy (who enroll at their next
// login when they have no authenticator yet), and otherwise for the users who have enrolled.
// Asked after every verified password (hosted login, password grants) and for every SSO session
// that has not done MFA: free while MFA is off (cached settings), one indexed count otherwise.
import type { Db } from "../../db/client.ts";
import { hasConfirmedOtp } from "./authenticators.ts";
import { getMfaSettings } from "./mfa-settings.ts";

export type MfaRequirement = { required: false } | { required: true; enrolled: boolean };

export async function mfaRequirement(db: Db, userId: string): Promise<MfaRequirement> {
  const settings = await getMfaSettings(db);
  if (!settings.factors.otp) return { required: false };
  if (await hasConfirmedOtp(db, userId)) return { required: true, enrolled: true };
  return settings.policies.includes("all-applications") ? { required: true, enrolled: false } : { required: false };
}
