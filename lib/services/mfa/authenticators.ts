// A user's second factors (the `authenticators` table): TOTP authenticators and the recovery code.
// Enrollment creates an unconfirmed OTP authenticator bound to one MFA transaction (only that
// transaction's page or mfa_token may confirm it); the first code verified from it confirms it
// (./verify-mfa-code.ts). A user has at most one confirmed OTP authenticator and one recovery code.
// The user's `multifactor` (Auth0's profile field) is ["guardian"] while an OTP authenticator is
// confirmed, [] otherwise.
import type { DbOrTx } from "../../db/client.ts";
import { decryptSecret, encryptSecret } from "../../crypto/encryption.ts";
import { randomAlphanumeric } from "../../crypto/random.ts";
import { toJson } from "../../db/json.ts";
import { generateRecoveryCode, recoveryCodeHash } from "../../mfa/recovery-code.ts";
import { generateTotpSecret } from "../../mfa/totp.ts";

export const newOtpAuthenticatorId = () => `totp|dev_${randomAlphanumeric(20)}`;
export const newRecoveryCodeAuthenticatorId = () => `recovery-code|dev_${randomAlphanumeric(20)}`;

export type AuthenticatorType = "otp" | "recovery-code";

export type AuthenticatorRow = {
  id: string;
  user_id: string;
  type: string;
  confirmed: boolean;
  created_at: Date;
  confirmed_at: Date | null;
  last_used_at: Date | null;
};

const PUBLIC_COLUMNS = { id: true, user_id: true, type: true, confirmed: true, created_at: true, confirmed_at: true, last_used_at: true } as const;

/** A user's authenticators (no secrets), oldest first. */
export function listAuthenticators(db: DbOrTx, userId: string): Promise<AuthenticatorRow[]> {
  return db.authenticator.findMany({ where: { user_id: userId }, select: PUBLIC_COLUMNS, orderBy: [{ created_at: "asc" }, { id: "asc" }] });
}

export async function hasConfirmedOtp(db: DbOrTx, userId: string): Promise<boolean> {
  return (await db.authenticator.count({ where: { user_id: userId, type: "otp", confirmed: true } })) > 0;
}

export async function hasRecoveryCode(db: DbOrTx, userId: string): Promise<boolean> {
  return (await db.authenticator.count({ where: { user_id: userId, type: "recovery-code", confirmed: true } })) > 0;
}

/**
 * The unconfirmed OTP authenticator of an MFA transaction, created on first call: the same secret
 * on every call, so reloading the enrollment page does not invalidate the app the person has
 * already set up.
 */
export async function pendingOtpAuthenticator(db: DbOrTx, input: { userId: string; mfaTransactionId: string }): Promise<{ id: string; secret: string }> {
  const existing = await db.authenticator.findFirst({
    where: { user_id: input.userId, type: "otp", confirmed: false, mfa_transaction_id: input.mfaTransactionId },
    omit: { secret_encrypted: false },
  });
  if (existing?.secret_encrypted) return { id: existing.id, secret: await decryptSecret(existing.secret_encrypted, "mfa-secrets") };
  const secret = generateTotpSecret();
  const id = newOtpAuthenticatorId();
  await db.authenticator.create({
    data: { id, user_id: input.userId, type: "otp", secret_encrypted: await encryptSecret(secret, "mfa-secrets"), confirmed: false, mfa_transaction_id: input.mfaTransactionId },
  });
  return { id, secret };
}

/** Replaces the user's recovery code with a new one, returned once (only its hash is kept). */
export async function replaceRecoveryCode(db: DbOrTx, userId: string): Promise<string> {
  const code = generateRecoveryCode();
  await db.authenticator.deleteMany({ where: { user_id: userId, type: "recovery-code" } });
  const now = new Date();
  await db.authenticator.create({
    data: { id: newRecoveryCodeAuthenticatorId(), user_id: userId, type: "recovery-code", secret_hash: recoveryCodeHash(code), confirmed: true, confirmed_at: now },
  });
  return code;
}

/** Keeps users.multifactor in step with the authenticators: ["guardian"] while an OTP authenticator is confirmed. */
export async function syncUserMultifactor(db: DbOrTx, userId: string): Promise<void> {
  const enrolled = await hasConfirmedOtp(db, userId);
  await db.user.updateMany({ where: { user_id: userId }, data: { multifactor: toJson(enrolled ? ["guardian"] : []) } });
}
