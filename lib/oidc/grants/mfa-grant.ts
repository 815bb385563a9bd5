// The MFA grants (auth0-authentication.md §3.6) that finish a password grant answered
// `mfa_required` (§3.3): the `mfa_token` from that answer plus
//   grant_type=http://auth0.com/oauth/grant-type/mfa-otp            otp=<6 digits>
//   grant_type=http://auth0.com/oauth/grant-type/mfa-recovery-code  recovery_code=<code>
// Success answers as the password grant would have (amr ["pwd", "mfa"]); the recovery-code grant
// adds the new `recovery_code` the application must show the user (the one used is spent). An
// OTP code also completes an enrollment started with /mfa/associate; the first recovery code made
// then comes back as `recovery_code` too.
//
// The mfa_token is single use once a code verifies, lives 10 minutes, and belongs to the
// application it was issued to. Wrong codes (403 invalid_grant) leave it usable: attack protection
// counts them as failed logins (lib/services/mfa/verify-mfa-code.ts) and blocks with 429
// too_many_attempts like the password grant. The application must have the grant type enabled.
import type { Db } from "../../db/client.ts";
import { currentRequestContext } from "../../http/request-context.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { recordLogin } from "../../services/authentication/authenticate-password.ts";
import { consumeMfaTransaction, createMfaToken, findMfaTokenTransaction, mfaIdentifier, type MfaTokenGrant } from "../../services/mfa/mfa-transactions.ts";
import { MfaCodeError, verifyMfaCode, type MfaCodeKind } from "../../services/mfa/verify-mfa-code.ts";
import type { AuthenticatedClient } from "../client-authentication.ts";
import { OAuthError } from "../errors.ts";
import type { Params } from "../request-params.ts";
import { issueTokenSet } from "../tokens/issue-token-set.ts";
import { endUserIp } from "./end-user-ip.ts";
import type { GrantRequest } from "./password.ts";

export const MFA_OTP_GRANT = "http://auth0.com/oauth/grant-type/mfa-otp";
export const MFA_RECOVERY_CODE_GRANT = "http://auth0.com/oauth/grant-type/mfa-recovery-code";

export const MFA_REQUIRED_DESCRIPTION = "Multifactor authentication required";

/** The password was right; the answer that sends the application on to the MFA grants (and logs `mfar`). */
export async function mfaRequiredError(
  db: Db,
  input: {
    client: Pick<AuthenticatedClient, "client_id" | "name">;
    user: { user_id: string; email: string | null; username: string | null };
    connection: { id: string; name: string };
    grant: MfaTokenGrant;
  },
): Promise<OAuthError> {
  const { token } = await createMfaToken(db, {
    userId: input.user.user_id,
    clientId: input.client.client_id,
    connectionId: input.connection.id,
    identifier: mfaIdentifier(input.user),
    grant: input.grant,
  });
  await writeLogEvent(db, {
    type: "mfar",
    description: MFA_REQUIRED_DESCRIPTION,
    user_id: input.user.user_id,
    user_name: input.user.email ?? input.user.username,
    client_id: input.client.client_id,
    client_name: input.client.name,
    connection: input.connection.name,
    connection_id: input.connection.id,
  });
  return new OAuthError("mfa_required", MFA_REQUIRED_DESCRIPTION, { fields: { mfa_token: token } });
}

function toOAuthError(error: MfaCodeError, kind: MfaCodeKind): OAuthError {
  const retry = error.retryAfterSeconds ? { "retry-after": String(error.retryAfterSeconds) } : undefined;
  switch (error.code) {
    case "invalid_code":
      return new OAuthError("invalid_grant", kind === "otp" ? "Invalid otp_code." : "Invalid recovery code.");
    case "not_enrolled":
      return new OAuthError("invalid_grant", "User is not enrolled with an authenticator: associate one first (/mfa/associate).");
    case "too_many_attempts":
    case "ip_throttled":
      return new OAuthError("too_many_attempts", error.message, { headers: retry });
    case "too_many_requests":
      return new OAuthError("too_many_requests", error.message, { headers: retry });
  }
}

async function mfaGrant(db: Db, client: AuthenticatedClient, params: Params, request: GrantRequest, grantType: typeof MFA_OTP_GRANT | typeof MFA_RECOVERY_CODE_GRANT) {
  if (!(client.grant_types as string[]).includes(grantType))
    throw new OAuthError("unauthorized_client", `Grant type '${grantType}' not allowed for the client.`);
  const kind: MfaCodeKind = grantType === MFA_OTP_GRANT ? "otp" : "recovery-code";
  const codeParam = kind === "otp" ? "otp" : "recovery_code";
  if (!params.mfa_token) throw new OAuthError("invalid_request", "Missing required parameter: mfa_token");
  const code = params[codeParam];
  if (!code) throw new OAuthError("invalid_request", `Missing required parameter: ${codeParam}`);

  const transaction = await findMfaTokenTransaction(db, params.mfa_token);
  if (!transaction || transaction.client_id !== client.client_id) throw new OAuthError("invalid_grant", "Malformed or expired mfa_token.");

  const ip = endUserIp(client, request.forwardedFor);
  let verified;
  try {
    verified = await verifyMfaCode(db, { transaction, kind, code, clientName: client.name, ...(ip ? { ip } : {}) });
  } catch (error) {
    if (error instanceof MfaCodeError) throw toOAuthError(error, kind);
    throw error;
  }
  if (!(await consumeMfaTransaction(db, transaction.id))) throw new OAuthError("invalid_grant", "Malformed or expired mfa_token.");

  const user = await db.user.findUnique({ where: { user_id: transaction.user_id } });
  if (!user) throw new OAuthError("invalid_grant", "Malformed or expired mfa_token.");
  if (user.blocked) throw new OAuthError("unauthorized", "user is blocked");
  const connection = await db.connection.findUnique({ where: { id: transaction.connection_id }, select: { id: true, name: true } });
  await recordLogin(db, {
    userId: user.user_id,
    userName: user.email ?? user.username,
    ip: ip ?? currentRequestContext()?.ip,
    clientId: client.client_id,
    clientName: client.name,
    connection: connection ?? { id: transaction.connection_id, name: "" },
  });
  const grant = transaction.grant as MfaTokenGrant;
  const { tokens } = await issueTokenSet(db, {
    client,
    user,
    grant: { scope: grant.scope, ...(grant.audience ? { audience: grant.audience } : {}), auth_time: Math.floor(Date.now() / 1000), amr: ["pwd", "mfa"] },
    refresh: "new",
  });
  return {
    response: { ...tokens, ...(verified.recoveryCode ? { recovery_code: verified.recoveryCode } : {}) },
    audience: grant.audience,
    scopes: tokens.scope.split(" ").filter(Boolean),
    userId: user.user_id,
  };
}

export function mfaOtpGrant(db: Db, client: AuthenticatedClient, params: Params, request: GrantRequest = {}) {
  return mfaGrant(db, client, params, request, MFA_OTP_GRANT);
}

export function mfaRecoveryCodeGrant(db: Db, client: AuthenticatedClient, params: Params, request: GrantRequest = {}) {
  return mfaGrant(db, client, params, request, MFA_RECOVERY_CODE_GRANT);
}
