// POST /oauth/token (RFC 6749 §3.2): authenticates the client, runs the grant named by grant_type
// (one file per grant in ./grants), and records a log event for every success and failure.
import type { Db } from "../db/client.ts";
import type { LogType } from "../logs/log-types.ts";
import { writeLogEvent } from "../logs/write-log-event.ts";
import { authenticateClient, type AuthenticatedClient } from "./client-authentication.ts";
import { OAuthError } from "./errors.ts";
import { authorizationCodeGrant } from "./grants/authorization-code.ts";
import { clientCredentialsGrant } from "./grants/client-credentials.ts";
import { refreshTokenGrant } from "./grants/refresh-token.ts";
import { passwordGrant, PASSWORD_REALM_GRANT, type GrantRequest } from "./grants/password.ts";
import { passwordRealmGrant } from "./grants/password-realm.ts";
import { MFA_OTP_GRANT, MFA_RECOVERY_CODE_GRANT, mfaOtpGrant, mfaRecoveryCodeGrant } from "./grants/mfa-grant.ts";
import type { Params } from "./request-params.ts";
import { currentRequestContext, runWithRequestContext } from "../http/request-context.ts";
import { endUserIp } from "./grants/end-user-ip.ts";

type GrantOutcome = { response: Record<string, unknown>; audience?: string; scopes?: string[]; userId?: string };
type Grant = {
  run(db: Db, client: AuthenticatedClient, params: Params, request: GrantRequest): Promise<GrantOutcome>;
  logSuccess: LogType;
  logFailure: LogType;
};

/** The grants this server implements, by grant_type. */
const GRANTS: Record<string, Grant> = {
  client_credentials: { run: clientCredentialsGrant, logSuccess: "seccft", logFailure: "feccft" },
  authorization_code: { run: authorizationCodeGrant, logSuccess: "seacft", logFailure: "feacft" },
  refresh_token: { run: refreshTokenGrant, logSuccess: "sertft", logFailure: "fertft" },
  password: { run: passwordGrant, logSuccess: "sepft", logFailure: "fepft" },
  [PASSWORD_REALM_GRANT]: { run: passwordRealmGrant, logSuccess: "sepft", logFailure: "fepft" },
  [MFA_OTP_GRANT]: { run: mfaOtpGrant, logSuccess: "seotpft", logFailure: "feotpft" },
  [MFA_RECOVERY_CODE_GRANT]: { run: mfaRecoveryCodeGrant, logSuccess: "sercft", logFailure: "fercft" },
};

export function supportedGrantTypes(): string[] {
  return Object.keys(GRANTS);
}

export async function tokenEndpoint(
  db: Db,
  input: { authorization: string | null; params: Params; forwardedFor?: string | null },
): Promise<Record<string, unknown>> {
  const grantType = input.params.grant_type;
  if (!grantType) throw new OAuthError("invalid_request", "Missing required parameter: grant_type");
  const grant = GRANTS[grantType];
  if (!grant) throw new OAuthError("unsupported_grant_type", `Unsupported grant type: ${grantType}`);

  let client: AuthenticatedClient;
  try {
    client = await authenticateClient(db, input);
  } catch (error) {
    await logFailure(db, grant, input.params, undefined, error);
    throw error;
  }
  // A trusted backend's `auth0-forwarded-for` names the end user (grants/end-user-ip.ts): the
  // grant's log events carry that IP, as attack protection uses it, not the backend's.
  const context = currentRequestContext();
  const ip = endUserIp(client, input.forwardedFor);
  const run = () => runGrant(db, grant, client, input);
  return ip && context ? runWithRequestContext({ ...context, ip }, run) : run();
}

async function runGrant(db: Db, grant: Grant, client: AuthenticatedClient, input: { params: Params; forwardedFor?: string | null }): Promise<Record<string, unknown>> {
  try {
    const outcome = await grant.run(db, client, input.params, { forwardedFor: input.forwardedFor });
    await writeLogEvent(db, {
      type: grant.logSuccess,
      client_id: client.client_id,
      client_name: client.name,
      audience: outcome.audience ?? null,
      scope: outcome.scopes?.join(" ") ?? null,
      user_id: outcome.userId ?? null,
    });
    return outcome.response;
  } catch (error) {
    await logFailure(db, grant, input.params, client, error);
    throw error;
  }
}

async function logFailure(db: Db, grant: Grant, params: Params, client: AuthenticatedClient | undefined, error: unknown): Promise<void> {
  // mfa_required is not a failure: the grant logged `mfar` and the exchange goes on at the MFA grants.
  if (!(error instanceof OAuthError) || error.error === "mfa_required") return;
  await writeLogEvent(db, {
    type: grant.logFailure,
    description: error.description,
    client_id: client?.client_id ?? params.client_id ?? null,
    client_name: client?.name ?? null,
    audience: params.audience ?? null,
    scope: params.scope ?? null,
  });
}
