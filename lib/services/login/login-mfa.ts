// The hosted login's second factor (/u/mfa; auth0-authentication.md Part H): after the password
// (or signup), when lib/services/mfa/mfa-requirement.ts asks for MFA, completeLogin does not make
// the session yet. It starts an MFA transaction bound to the login transaction and to this browser
// (a random binding kept in an HttpOnly cookie: a leaked /u/mfa URL is useless elsewhere), and the
// browser goes to /u/mfa, which shows:
//   - enrollment, the first time: the TOTP secret (base32) and its otpauth:// URI, confirmed with a
//     code from the app; then the new recovery code and a Continue button;
//   - a challenge otherwise: a code from the app, or the recovery code (then the new recovery code
//     is shown before Continue).
// The new recovery code is kept encrypted in the MFA transaction, so the page that shows it is an
// ordinary render (a reload or a browser without JavaScript shows it too), until the login
// completes and it is cleared: it is never shown again after that.
// Codes are checked by verifyMfaCode (replay protection, attack protection, gd_* events). The
// login then completes as any other (completeLogin) with amr ["pwd", "mfa"]; the SSO session keeps
// it, so single sign-on does not ask again (lib/oidc/authorize/authorize.ts). The MFA transaction
// is started by ./start-login-mfa.ts.
import type { Db } from "../../db/client.ts";
import { decryptSecret, encryptSecret } from "../../crypto/encryption.ts";
import { timingSafeEqualStrings } from "../../crypto/random.ts";
import { findMfaRecoveryCode } from "../../db/secrets.ts";
import { tenantName } from "../../email/tenant-name.ts";
import { otpauthUri } from "../../mfa/totp.ts";
import { PasswordLoginError } from "../authentication/authenticate-password.ts";
import { hasConfirmedOtp, hasRecoveryCode, pendingOtpAuthenticator } from "../mfa/authenticators.ts";
import { getMfaSettings } from "../mfa/mfa-settings.ts";
import { consumeMfaTransaction, findLoginMfaTransaction, markMfaVerified, type MfaTransactionRow } from "../mfa/mfa-transactions.ts";
import { verifyMfaCode, type MfaCodeKind } from "../mfa/verify-mfa-code.ts";
import { completeLogin, type CompletedLogin } from "./complete-login.ts";
import { loadLoginContext, type LoginContext } from "./login-context.ts";
import { LoginTransactionError } from "./login-errors.ts";

export type LoginMfaView =
  | { step: "enroll"; secret: string; uri: string; account: string; issuer: string }
  | { step: "challenge"; method: MfaCodeKind; recoveryCodeAvailable: boolean }
  | { step: "verified"; recoveryCode?: string };

export type LoginMfa = { context: LoginContext; mfa: MfaTransactionRow; view: LoginMfaView };

async function loadBound(db: Db, state: string | null | undefined, browserBinding: string | undefined): Promise<{ context: LoginContext; mfa: MfaTransactionRow } | null> {
  const context = await loadLoginContext(db, state);
  if (!context) return null;
  const mfa = await findLoginMfaTransaction(db, context.transaction.id);
  if (!mfa || !browserBinding || !timingSafeEqualStrings(mfa.id, browserBinding)) return null;
  return { context, mfa };
}

/**
 * What /u/mfa shows for `state` in this browser; null when there is no second factor waiting
 * here (unknown, expired or completed transaction, another browser).
 */
export async function loadLoginMfa(db: Db, input: { state: string | null | undefined; browserBinding: string | undefined; method?: string }): Promise<LoginMfa | null> {
  const bound = await loadBound(db, input.state, input.browserBinding);
  if (!bound) return null;
  const { mfa } = bound;
  if (mfa.verified_at) {
    const encrypted = await findMfaRecoveryCode(db, mfa.id);
    return { ...bound, view: { step: "verified", ...(encrypted ? { recoveryCode: await decryptSecret(encrypted, "mfa-secrets") } : {}) } };
  }
  if (await hasConfirmedOtp(db, mfa.user_id)) {
    const settings = await getMfaSettings(db);
    const recoveryCodeAvailable = settings.factors["recovery-code"] && (await hasRecoveryCode(db, mfa.user_id));
    const method: MfaCodeKind = input.method === "recovery-code" && recoveryCodeAvailable ? "recovery-code" : "otp";
    return { ...bound, view: { step: "challenge", method, recoveryCodeAvailable } };
  }
  const { secret } = await pendingOtpAuthenticator(db, { userId: mfa.user_id, mfaTransactionId: mfa.id });
  const user = await db.user.findUnique({ where: { user_id: mfa.user_id }, select: { email: true, username: true } });
  const account = user?.email ?? user?.username ?? mfa.identifier;
  const issuer = await tenantName(db);
  return { ...bound, view: { step: "enroll", secret, uri: otpauthUri({ secret, issuer, account }), account, issuer } };
}

export type VerifiedLoginMfa = { recoveryCode?: string };

/**
 * Checks a code (OTP or recovery code) for the transaction; throws MfaCodeError when it is wrong
 * or refused. After it, a new recovery code (if any) is to be shown, then finishLoginMfa.
 */
export async function verifyLoginMfa(
  db: Db,
  input: { state: string; browserBinding: string | undefined; kind: MfaCodeKind; code: string; ip?: string },
): Promise<VerifiedLoginMfa> {
  const bound = await loadBound(db, input.state, input.browserBinding);
  if (!bound) throw new LoginTransactionError();
  if (bound.mfa.verified_at) return {};
  const verified = await verifyMfaCode(db, {
    transaction: bound.mfa,
    kind: input.kind,
    code: input.code,
    clientName: bound.context.client.name,
    ...(input.ip ? { ip: input.ip } : {}),
  });
  await markMfaVerified(db, bound.mfa.id, verified.recoveryCode ? await encryptSecret(verified.recoveryCode, "mfa-secrets") : undefined);
  return verified.recoveryCode ? { recoveryCode: verified.recoveryCode } : {};
}

/** After the factor was verified: the session (amr pwd + mfa), the login record, and the rest of /authorize. */
export async function finishLoginMfa(
  db: Db,
  input: { state: string; browserBinding: string | undefined; currentSessionCookie?: string; ip?: string; userAgent?: string },
): Promise<CompletedLogin> {
  const bound = await loadBound(db, input.state, input.browserBinding);
  if (!bound || !bound.mfa.verified_at) throw new LoginTransactionError();
  const { context, mfa } = bound;
  if (!(await consumeMfaTransaction(db, mfa.id))) throw new LoginTransactionError();
  const [user, connection] = await Promise.all([
    db.user.findUnique({ where: { user_id: mfa.user_id }, select: { user_id: true, email: true, username: true, blocked: true } }),
    db.connection.findUnique({ where: { id: mfa.connection_id }, select: { id: true, name: true } }),
  ]);
  if (!user || !connection) throw new LoginTransactionError();
  if (user.blocked) throw new PasswordLoginError("blocked", "user is blocked");
  return completeLogin(db, {
    transaction: context.transaction,
    user,
    connection,
    clientName: context.client.name,
    currentSessionCookie: input.currentSessionCookie,
    ip: input.ip,
    userAgent: input.userAgent,
    amr: ["pwd", "mfa"],
  });
}
