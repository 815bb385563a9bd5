// GET /authorize: validate (validate-authorize-request.ts), then decide (OpenID Connect Core §3.1.2):
//   - no usable SSO session, prompt=login, or max_age exceeded → the hosted login (or signup) page,
//     or login_required for prompt=none; likewise a session that has not passed a second factor
//     while the user must (lib/services/mfa; a session that has done MFA is used as is);
//   - consent missing (third-party application, or an API that does not let first-party
//     applications skip it, or prompt=consent) → the consent page, or consent_required;
//   - otherwise → an authorization code back to the application.
// The hosted pages call `continueAuthorization` when the user has logged in or consented.
import type { Db } from "../../db/client.ts";
import { env } from "../../env.ts";
import { addSessionClient, findActiveSession, type SessionRow } from "../sessions/sessions.ts";
import { issueAuthorizationCode } from "../codes/authorization-codes.ts";
import { findResourceServerForTokens } from "../config-lookups.ts";
import { OIDC_SCOPES } from "../claims.ts";
import type { Params } from "../request-params.ts";
import { AuthorizeError } from "./authorize-error.ts";
import type { AuthorizeClient, AuthorizeRequest } from "./authorize-request.ts";
import { authorizationResponse, type AuthorizationResponse } from "./authorization-response.ts";
import { completeLoginTransaction, createLoginTransaction, type LoginTransaction } from "./login-transactions.ts";
import { validateAuthorizeRequest } from "./validate-authorize-request.ts";
import { mfaRequirement } from "../../services/mfa/mfa-requirement.ts";

export type AuthorizeOutcome = { kind: "response"; response: AuthorizationResponse } | { kind: "interaction"; location: string };

function target(request: AuthorizeRequest) {
  return { redirect_uri: request.redirect_uri, state: request.state, response_mode: request.response_mode };
}

function errorResponse(request: AuthorizeRequest, error: string, description: string): AuthorizeOutcome {
  return { kind: "response", response: authorizationResponse(target(request), { error, error_description: description }) };
}

type SessionUser = { user_id: string; connection_id: string; blocked: boolean };

/** Whether the session may be used for this request, or the user must (re-)authenticate. */
function mustAuthenticate(request: AuthorizeRequest, session: SessionRow | null, user: SessionUser | null, connectionIds: string[]): boolean {
  if (!session || !user || user.blocked) return true;
  if (!connectionIds.includes(user.connection_id)) return true;
  if (request.prompt.includes("login")) return true;
  if (request.max_age !== undefined && Date.now() - session.authenticated_at.getTime() > request.max_age * 1000) return true;
  return false;
}

/** A session without a second factor for a user who must pass one (impersonation sessions excepted). */
async function mfaPending(db: Db, session: SessionRow): Promise<boolean> {
  if (session.impersonation || (session.amr as string[]).includes("mfa")) return false;
  return (await mfaRequirement(db, session.user_id)).required;
}

/**
 * Consent (auth0-authentication.md §C.8): third-party applications always ask; first-party
 * applications ask for an API unless it lets verifiable first-party applications skip consent
 * (never verifiable with a localhost callback). A grant covering the requested scopes answers it.
 */
export async function needsConsent(db: Db, client: AuthorizeClient, request: AuthorizeRequest, userId: string): Promise<boolean> {
  if (request.prompt.includes("consent")) return true;
  if (client.is_first_party) {
    if (!request.audience) return false;
    const api = await db.resourceServer.findUnique({ where: { identifier: request.audience }, select: { skip_consent_for_verifiable_first_party_clients: true } });
    const verifiable = !client.callbacks.some((c) => /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/i.test(c));
    if (api?.skip_consent_for_verifiable_first_party_clients && verifiable) return false;
  }
  const audience = request.audience ?? `${env().issuer}userinfo`;
  const grant = await db.userGrant.findUnique({ where: { user_id_client_id_audience: { user_id: userId, client_id: client.client_id, audience } } });
  if (!grant) return true;
  const granted = new Set(grant.scope as string[]);
  return request.scope.some((s) => s !== "openid" && !granted.has(s));
}

/** The scopes a consent screen asks about: what is requested beyond `openid`, with API descriptions. */
export async function consentScopes(db: Db, request: AuthorizeRequest): Promise<{ value: string; description: string }[]> {
  const api = request.audience ? await findResourceServerForTokens(db, request.audience) : null;
  const descriptions = new Map((api?.scopes as { value: string; description?: string }[] | undefined)?.map((s) => [s.value, s.description ?? s.value]) ?? []);
  return request.scope
    .filter((s) => s !== "openid" && (OIDC_SCOPES.has(s) || descriptions.has(s)))
    .map((s) => ({ value: s, description: descriptions.get(s) ?? s }));
}

/** An impersonation session's codes carry the actor and the time box (lib/services/impersonation). */
function impersonationGrant(impersonation: { act: Record<string, unknown>; not_after?: number }) {
  return { act: impersonation.act, ...(impersonation.not_after ? { not_after: impersonation.not_after } : {}) };
}

async function issueCode(db: Db, request: AuthorizeRequest, session: SessionRow): Promise<AuthorizationResponse> {
  const code = await issueAuthorizationCode(db, {
    clientId: request.client_id,
    userId: session.user_id,
    sessionId: session.id,
    redirectUri: request.redirect_uri,
    grant: {
      scope: request.scope,
      audience: request.audience,
      nonce: request.nonce,
      auth_time: Math.floor(session.authenticated_at.getTime() / 1000),
      amr: session.amr as string[],
      sid: session.id,
      code_challenge: request.code_challenge,
      code_challenge_method: request.code_challenge_method,
      ...(session.impersonation ? impersonationGrant(session.impersonation as { act: Record<string, unknown>; not_after?: number }) : {}),
    },
  });
  await addSessionClient(db, session.id, request.client_id);
  return authorizationResponse(target(request), { code });
}

function interactionPath(request: AuthorizeRequest): "/u/login" | "/u/signup" {
  return request.screen_hint === "signup" ? "/u/signup" : "/u/login";
}

export async function authorize(db: Db, input: { params: Params; sessionCookie?: string }): Promise<AuthorizeOutcome> {
  let validated;
  try {
    validated = await validateAuthorizeRequest(db, input.params);
  } catch (error) {
    if (error instanceof AuthorizeError && error.redirect)
      return { kind: "response", response: authorizationResponse(error.redirect, { error: error.error, error_description: error.description }) };
    throw error;
  }
  const { request, client, connections } = validated;
  const session = await findActiveSession(db, input.sessionCookie);
  const user = session ? await db.user.findUnique({ where: { user_id: session.user_id }, select: { user_id: true, connection_id: true, blocked: true } }) : null;
  const silent = request.prompt.includes("none");

  if (mustAuthenticate(request, session, user, connections.map((c) => c.id)) || (await mfaPending(db, session!))) {
    if (silent) return errorResponse(request, "login_required", "Login required");
    const transaction = await createLoginTransaction(db, { request });
    return { kind: "interaction", location: `${interactionPath(request)}?state=${transaction.id}` };
  }
  if (await needsConsent(db, client, request, session!.user_id)) {
    if (silent) return errorResponse(request, "consent_required", "Consent required");
    const transaction = await createLoginTransaction(db, { request, userId: session!.user_id, sessionId: session!.id });
    return { kind: "interaction", location: `/u/consent?state=${transaction.id}` };
  }
  return { kind: "response", response: await issueCode(db, request, session!) };
}

/**
 * After the hosted pages authenticated the user (and, when needed, recorded consent) in the
 * transaction's session: consent if still missing, else the code. Completes the transaction.
 */
export async function continueAuthorization(
  db: Db,
  transaction: LoginTransaction,
  session: SessionRow,
  options: { consented?: boolean } = {},
): Promise<AuthorizeOutcome> {
  const client = await db.client.findUnique({
    where: { client_id: transaction.client_id },
    select: { client_id: true, name: true, app_type: true, is_first_party: true, callbacks: true, grant_types: true, token_endpoint_auth_method: true, logo_uri: true },
  });
  if (!client) throw new AuthorizeError("invalid_request", "Unknown client: the application does not exist.");
  const authorizeClient = { ...client, callbacks: client.callbacks as string[], grant_types: client.grant_types as string[] };
  const { request } = transaction;
  if (!options.consented && (await needsConsent(db, authorizeClient, request, session.user_id))) {
    const next = await createLoginTransaction(db, { request: { ...request, prompt: request.prompt.filter((p) => p !== "login") }, userId: session.user_id, sessionId: session.id });
    await completeLoginTransaction(db, transaction.id);
    return { kind: "interaction", location: `/u/consent?state=${next.id}` };
  }
  if (!(await completeLoginTransaction(db, transaction.id))) throw new AuthorizeError("invalid_request", "This login was already completed.");
  return { kind: "response", response: await issueCode(db, request, session) };
}

/** The user refused consent: access_denied to the application (§C.8). */
export async function denyAuthorization(db: Db, transaction: LoginTransaction): Promise<AuthorizeOutcome> {
  await completeLoginTransaction(db, transaction.id);
  return errorResponse(transaction.request, "access_denied", "User did not authorize the request");
}
