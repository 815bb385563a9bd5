// The MFA API for applications that sign users in with the password grants (auth0-authentication.md
// §11), driven by the `mfa_token` of a 403 mfa_required answer. Gatehouse's factor is OTP (TOTP);
// the grants that finish the login are in ./grants/mfa-grant.ts.
//   POST /mfa/associate       Bearer mfa_token; {client_id, client_secret?, authenticator_types:
//                             ["otp"]} → {authenticator_type: "otp", secret, barcode_uri,
//                             recovery_codes?}. The authenticator stays inactive until a code from
//                             it is verified with the mfa-otp grant (same mfa_token). The recovery
//                             code comes only with the first association.
//   POST /mfa/challenge       {client_id, client_secret?, mfa_token, challenge_type?} →
//                             {challenge_type: "otp"}; unsupported_challenge_type when the user has
//                             no OTP authenticator (associate first).
//   GET  /mfa/authenticators  Bearer mfa_token → [{id, authenticator_type, active}].
// The mfa_token belongs to the application it was issued to; the application authenticates as at
// the token endpoint (client_secret in the body, or none for a public client).
import type { Db } from "../db/client.ts";
import { tenantName } from "../email/tenant-name.ts";
import { writeLogEvent } from "../logs/write-log-event.ts";
import { otpauthUri } from "../mfa/totp.ts";
import { hasConfirmedOtp, hasRecoveryCode, listAuthenticators, pendingOtpAuthenticator, replaceRecoveryCode } from "../services/mfa/authenticators.ts";
import { getMfaSettings } from "../services/mfa/mfa-settings.ts";
import { findMfaTokenTransaction, type MfaTransactionRow } from "../services/mfa/mfa-transactions.ts";
import { authenticateClient } from "./client-authentication.ts";
import { OAuthError } from "./errors.ts";
import type { Params } from "./request-params.ts";

const INVALID_TOKEN = "Invalid or expired mfa_token.";

function bearer(authorization: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  return match?.[1];
}

async function transactionFor(db: Db, token: string | undefined, clientId?: string): Promise<MfaTransactionRow> {
  const transaction = await findMfaTokenTransaction(db, token);
  if (!transaction || (clientId !== undefined && transaction.client_id !== clientId)) throw new OAuthError("invalid_token", INVALID_TOKEN);
  return transaction;
}

/** The JSON body of /mfa/associate: strings, and `authenticator_types` as an array (or a space-separated string). */
export function associateParams(body: unknown): { params: Params; authenticatorTypes: string[] } {
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw new OAuthError("invalid_request", "The request body must be a JSON object.");
  const record = body as Record<string, unknown>;
  const params: Params = {};
  for (const key of ["client_id", "client_secret"]) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string" || value.includes("\u0000")) throw new OAuthError("invalid_request", `Parameter '${key}' must be a string.`);
    params[key] = value;
  }
  const raw = record.authenticator_types;
  const types = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(" ").filter(Boolean) : undefined;
  if (!types || types.length === 0 || !types.every((t) => typeof t === "string")) throw new OAuthError("invalid_request", "Missing required parameter: authenticator_types");
  return { params, authenticatorTypes: types as string[] };
}

export async function mfaAssociate(db: Db, input: { authorization: string | null; params: Params; authenticatorTypes: string[] }) {
  const client = await authenticateClient(db, { authorization: null, params: input.params });
  const transaction = await transactionFor(db, bearer(input.authorization), client.client_id);
  if (!input.authenticatorTypes.includes("otp")) throw new OAuthError("invalid_request", "Unsupported authenticator type: Gatehouse supports authenticator_types [\"otp\"].");
  const settings = await getMfaSettings(db);
  if (!settings.factors.otp) throw new OAuthError("invalid_request", "The otp factor is not enabled.");
  if (await hasConfirmedOtp(db, transaction.user_id)) throw new OAuthError("invalid_request", "User is already enrolled.");

  const { secret } = await pendingOtpAuthenticator(db, { userId: transaction.user_id, mfaTransactionId: transaction.id });
  const recoveryCode = settings.factors["recovery-code"] && !(await hasRecoveryCode(db, transaction.user_id)) ? await replaceRecoveryCode(db, transaction.user_id) : undefined;
  const user = await db.user.findUnique({ where: { user_id: transaction.user_id }, select: { email: true, username: true } });
  await writeLogEvent(db, { type: "gd_start_enroll", user_id: transaction.user_id, user_name: transaction.identifier, client_id: client.client_id, client_name: client.name, details: { authenticator_type: "otp" } });
  return {
    authenticator_type: "otp",
    secret,
    barcode_uri: otpauthUri({ secret, issuer: await tenantName(db), account: user?.email ?? user?.username ?? transaction.identifier }),
    ...(recoveryCode ? { recovery_codes: [recoveryCode] } : {}),
  };
}

export async function mfaChallenge(db: Db, input: { params: Params }) {
  const client = await authenticateClient(db, { authorization: null, params: input.params });
  if (!input.params.mfa_token) throw new OAuthError("invalid_request", "Missing required parameter: mfa_token");
  const transaction = await transactionFor(db, input.params.mfa_token, client.client_id);
  const types = (input.params.challenge_type ?? "otp").split(" ").filter(Boolean);
  const authenticators = await listAuthenticators(db, transaction.user_id);
  const hasOtp = authenticators.some((a) => a.type === "otp" && a.confirmed);
  if (!types.includes("otp") || !hasOtp)
    throw new OAuthError("unsupported_challenge_type", hasOtp ? "Gatehouse supports challenge_type otp only." : "User is not enrolled: associate an authenticator first.");
  return { challenge_type: "otp" };
}

export async function mfaAuthenticators(db: Db, input: { authorization: string | null }) {
  const transaction = await transactionFor(db, bearer(input.authorization));
  const rows = await listAuthenticators(db, transaction.user_id);
  return rows.map((row) => ({ id: row.id, authenticator_type: row.type, active: row.confirmed }));
}
