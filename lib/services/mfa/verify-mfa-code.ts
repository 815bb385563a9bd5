// Verifies the second factor of an MFA transaction: a TOTP code (RFC 6238, ±1 step) or a recovery
// code. The hosted MFA page (lib/services/login/login-mfa.ts) and the MFA grants
// (lib/oidc/grants/mfa.ts) both call it.
//
// - OTP: against the user's confirmed authenticator; a user who has none yet is enrolling, and the
//   code is checked against the unconfirmed authenticator created for this transaction, which it
//   confirms (enrollment complete: `multifactor` becomes ["guardian"], other unconfirmed ones are
//   dropped, and a first recovery code is made when that factor is enabled).
// - Replay (RFC 6238 §5.2): a code is accepted once. The step it matched must be later than the
//   last step accepted for the authenticator; the check and the update are one conditional UPDATE,
//   so two requests racing with the same code cannot both pass.
// - Recovery code: consumed (deleted) when it matches, and replaced by a new one, returned once.
// - Attack protection, as for passwords (lib/services/authentication/authenticate-password.ts):
//   before the check, the login rate limits, suspicious-IP throttling and a brute-force block of
//   the user's identifier; after a failure, the identifier's consecutive-failure count (counted
//   apart from passwords: `counter: "mfa"`, so the right password does not reset it) and the IP's
//   failure budget are spent; after a success, the count is reset. Ten wrong codes block the
//   identifier from that IP exactly as ten wrong passwords do (user-blocks, unblock email).
// - Log events (Auth0's Guardian types): gd_auth_succeed / gd_auth_failed,
//   gd_recovery_succeed / gd_recovery_failed, gd_enrollment_complete, and
//   gd_otp_rate_limit_exceed / gd_recovery_rate_limit_exceed when attack protection refuses.
import type { Db } from "../../db/client.ts";
import { AttackProtectionError, type AttackProtectionCode } from "../../attack-protection/errors.ts";
import { checkBruteForceBlock, recordFailedLogin, recordSuccessfulLogin, type BruteForceContext } from "../../attack-protection/brute-force-protection.ts";
import { enforceRateLimits } from "../../attack-protection/rate-limits.ts";
import { checkIpThrottle, recordFailedLoginForIp } from "../../attack-protection/suspicious-ip-throttling.ts";
import { decryptSecret } from "../../crypto/encryption.ts";
import { timingSafeEqualStrings } from "../../crypto/random.ts";
import { findAuthenticatorsWithSecrets } from "../../db/secrets.ts";
import { currentRequestContext } from "../../http/request-context.ts";
import type { LogType } from "../../logs/log-types.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { looksLikeRecoveryCode, recoveryCodeHash } from "../../mfa/recovery-code.ts";
import { base32Decode, verifyTotp } from "../../mfa/totp.ts";
import { hasRecoveryCode, replaceRecoveryCode, syncUserMultifactor } from "./authenticators.ts";
import { getMfaSettings } from "./mfa-settings.ts";
import type { MfaTransactionRow } from "./mfa-transactions.ts";

export type MfaCodeKind = "otp" | "recovery-code";
export type MfaFailure = "invalid_code" | "not_enrolled" | AttackProtectionCode;

export class MfaCodeError extends Error {
  override name = "MfaCodeError";
  constructor(
    readonly code: MfaFailure,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const INVALID_OTP = "The code you entered is invalid.";
export const INVALID_RECOVERY_CODE = "The recovery code you entered is invalid.";

export type VerifiedFactor = {
  authenticatorId: string;
  /** The code confirmed a new OTP authenticator (enrollment). */
  enrolled: boolean;
  /** A new recovery code, to show once: after enrollment, or in place of the one just used. */
  recoveryCode?: string;
};

export type VerifyMfaCodeInput = {
  transaction: Pick<MfaTransactionRow, "id" | "user_id" | "client_id" | "connection_id" | "identifier">;
  kind: MfaCodeKind;
  code: string;
  clientName?: string;
  /** The end user's IP; defaults to the request's. */
  ip?: string;
};

export async function verifyMfaCode(db: Db, input: VerifyMfaCodeInput): Promise<VerifiedFactor> {
  const { transaction, kind } = input;
  const ip = input.ip ?? currentRequestContext()?.ip;
  const [user, connection] = await Promise.all([
    db.user.findUnique({ where: { user_id: transaction.user_id }, select: { user_id: true, email: true, name: true, nickname: true, connection_id: true } }),
    db.connection.findUnique({ where: { id: transaction.connection_id }, select: { id: true, name: true } }),
  ]);
  if (!user) throw new MfaCodeError("not_enrolled", "The user no longer exists.");
  const protection: BruteForceContext = { identifier: transaction.identifier, ip, connectionIds: [transaction.connection_id], counter: "mfa" };
  const log = (type: LogType, description?: string, details?: Record<string, unknown>) =>
    writeLogEvent(db, {
      type,
      ...(description ? { description } : {}),
      user_id: user.user_id,
      user_name: transaction.identifier,
      client_id: transaction.client_id,
      client_name: input.clientName ?? null,
      connection: connection?.name ?? null,
      connection_id: transaction.connection_id,
      ...(details ? { details } : {}),
    });

  try {
    await enforceRateLimits(db, "login", { ip, identifier: transaction.identifier });
    await checkIpThrottle(db, ip);
    await checkBruteForceBlock(db, protection);
  } catch (error) {
    if (!(error instanceof AttackProtectionError)) throw error;
    await log(kind === "otp" ? "gd_otp_rate_limit_exceed" : "gd_recovery_rate_limit_exceed", error.message, { reason: error.code });
    throw new MfaCodeError(error.code, error.message, error.retryAfterSeconds);
  }

  const settings = await getMfaSettings(db);
  const verified = kind === "otp" ? await checkOtp(db, transaction, input.code) : settings.factors["recovery-code"] ? await checkRecoveryCode(db, transaction.user_id, input.code) : null;
  if (verified === "not_enrolled") throw new MfaCodeError("not_enrolled", "There is no authenticator to verify this code with.");

  if (!verified) {
    await log(kind === "otp" ? "gd_auth_failed" : "gd_recovery_failed", kind === "otp" ? "Wrong OTP code" : "Wrong recovery code");
    await Promise.all([
      recordFailedLogin(db, protection, { user_id: user.user_id, email: user.email, name: user.name, nickname: user.nickname, connection_id: transaction.connection_id }),
      recordFailedLoginForIp(db, ip),
    ]);
    throw new MfaCodeError("invalid_code", kind === "otp" ? INVALID_OTP : INVALID_RECOVERY_CODE);
  }

  await recordSuccessfulLogin(db, protection, transaction.connection_id);
  let recoveryCode: string | undefined;
  if (kind === "recovery-code") {
    recoveryCode = await replaceRecoveryCode(db, transaction.user_id);
    await log("gd_recovery_succeed");
  } else {
    if (verified.enrolled) {
      await db.authenticator.deleteMany({ where: { user_id: transaction.user_id, type: "otp", confirmed: false } });
      await syncUserMultifactor(db, transaction.user_id);
      // A first recovery code, unless the enrollment began at /mfa/associate, which returned one.
      if (settings.factors["recovery-code"] && !(await hasRecoveryCode(db, transaction.user_id))) recoveryCode = await replaceRecoveryCode(db, transaction.user_id);
      await log("gd_enrollment_complete", undefined, { authenticator_type: "otp", authenticator_id: verified.id });
    }
    await log("gd_auth_succeed", undefined, { authenticator_type: "otp" });
  }
  return { authenticatorId: verified.id, enrolled: verified.enrolled, ...(recoveryCode ? { recoveryCode } : {}) };
}

type Checked = { id: string; enrolled: boolean } | null | "not_enrolled";

async function checkOtp(db: Db, transaction: VerifyMfaCodeInput["transaction"], code: string): Promise<Checked> {
  const rows = await findAuthenticatorsWithSecrets(db, transaction.user_id, "otp");
  const confirmed = rows.filter((r) => r.confirmed);
  const candidates = confirmed.length > 0 ? confirmed : rows.filter((r) => r.mfa_transaction_id === transaction.id);
  if (candidates.length === 0) return "not_enrolled";
  const now = new Date();
  for (const row of candidates) {
    const key = row.secret_encrypted ? base32Decode(await decryptSecret(row.secret_encrypted, "mfa-secrets")) : null;
    if (!key) continue;
    const step = verifyTotp(key, code, { timeMs: now.getTime(), lastUsedStep: row.last_used_step });
    if (step === null) continue;
    // Claims the step: refused when a concurrent request already used this step or a later one.
    const { count } = await db.authenticator.updateMany({
      where: { id: row.id, OR: [{ last_used_step: null }, { last_used_step: { lt: step } }] },
      data: { last_used_step: step, last_used_at: now, ...(row.confirmed ? {} : { confirmed: true, confirmed_at: now, mfa_transaction_id: null }) },
    });
    return count === 1 ? { id: row.id, enrolled: !row.confirmed } : null;
  }
  return null;
}

async function checkRecoveryCode(db: Db, userId: string, code: string): Promise<Checked> {
  if (!looksLikeRecoveryCode(code)) return null;
  const hash = recoveryCodeHash(code);
  const rows = await findAuthenticatorsWithSecrets(db, userId, "recovery-code");
  const row = rows.find((r) => r.confirmed && r.secret_hash !== null && timingSafeEqualStrings(r.secret_hash, hash));
  if (!row) return null;
  // Used once: deleted (a concurrent use of the same code finds nothing to delete).
  const { count } = await db.authenticator.deleteMany({ where: { id: row.id } });
  return count === 1 ? { id: row.id, enrolled: false } : null;
}
