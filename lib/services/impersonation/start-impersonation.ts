// Starts an impersonation: checks that the operator may sign in as this user to this application,
// validates the login like an /authorize request (the same ordered checks, minus PKCE: the
// application did not start this login), stores the record, and returns a one-time login link.
// Opening the link (redeem-impersonation-link.ts) creates the session and sends the browser to the
// application's callback with an authorization code. See README.md for the decisions.
import type { Db } from "../../db/client.ts";
import { toJson } from "../../db/json.ts";
import { randomAlphanumeric, randomToken, sha256Hex } from "../../crypto/random.ts";
import { env } from "../../env.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { needsConsent } from "../../oidc/authorize/authorize.ts";
import { AuthorizeError } from "../../oidc/authorize/authorize-error.ts";
import type { AuthorizeClient, AuthorizeRequest } from "../../oidc/authorize/authorize-request.ts";
import type { CheckContext } from "../../oidc/authorize/check-context.ts";
import { AUTHORIZE_CHECKS } from "../../oidc/authorize/validate-authorize-request.ts";
import { OIDC_SCOPES } from "../../oidc/claims.ts";
import { IMPERSONATION_DEFAULT_SECONDS, type ImpersonationStartInput } from "../../schemas/impersonation.ts";
import type { Actor } from "../actor.ts";
import { AppError, forbidden, invalid, notFound } from "../errors.ts";
import { findOperatorRoleId, OPERATORS_CONNECTION } from "../setup/create-operator.ts";
import { impersonationActor, type ImpersonationActor } from "./impersonation-actor.ts";
import { presentImpersonation, type ImpersonationView } from "./present-impersonation.ts";
import { sweepExpiredImpersonations } from "./sweep-expired-impersonations.ts";

/** The login link works once, for at most this long (and never past the time box). */
export const IMPERSONATION_LINK_TTL_MS = 5 * 60_000;
export const DEFAULT_IMPERSONATION_SCOPE = "openid profile email";

export type StartedImpersonation = { login_url: string; impersonation: ImpersonationView };

async function validateLogin(db: Db, params: Record<string, string>): Promise<{ request: AuthorizeRequest; client: AuthorizeClient; connections: { id: string }[] }> {
  const context: CheckContext = { db, params, request: {} };
  try {
    for (const check of AUTHORIZE_CHECKS) if (check.name !== "check-pkce") await check.run(context);
  } catch (error) {
    if (error instanceof AuthorizeError) throw invalid(error.description, "invalid_body");
    throw error;
  }
  return { request: context.request as AuthorizeRequest, client: context.client!, connections: context.connections ?? [] };
}

/**
 * What the user has consented to: impersonation never consents on the user's behalf. When the
 * login would show the consent page, only the scopes of the user's existing grant remain (and
 * `openid`; for first-party applications also the OpenID scopes, which never need consent there).
 */
async function consentedScopes(db: Db, client: AuthorizeClient, request: AuthorizeRequest, userId: string): Promise<string[]> {
  if (!(await needsConsent(db, client, request, userId))) return request.scope;
  const audience = request.audience ?? `${env().issuer}userinfo`;
  const grant = await db.userGrant.findUnique({ where: { user_id_client_id_audience: { user_id: userId, client_id: client.client_id, audience } } });
  const granted = new Set((grant?.scope as string[] | undefined) ?? []);
  return request.scope.filter((s) => s === "openid" || granted.has(s) || (client.is_first_party && OIDC_SCOPES.has(s)));
}

async function refuse(db: Db, error: AppError, context: { userId: string; clientId?: string; actor?: ImpersonationActor; reason?: string }): Promise<never> {
  await writeLogEvent(db, {
    type: "fimp",
    description: error.message.slice(0, 512),
    user_id: context.userId,
    client_id: context.clientId ?? null,
    details: { actor: context.actor ?? null, reason: context.reason ?? null },
  });
  throw error;
}

export async function startImpersonation(db: Db, userId: string, input: ImpersonationStartInput, actor: Actor): Promise<StartedImpersonation> {
  const by = impersonationActor(actor);
  const fail = (error: AppError) => refuse(db, error, { userId, clientId: input.client_id, actor: by, reason: input.reason });
  await sweepExpiredImpersonations(db, { userId });

  const tenant = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { flags: true } });
  if ((tenant?.flags as { disable_impersonation?: boolean } | null)?.disable_impersonation)
    return fail(forbidden("Impersonation is disabled for this tenant (flags.disable_impersonation).", "operation_not_supported"));

  const user = await db.user.findUnique({ where: { user_id: userId }, select: { user_id: true, email: true, username: true, blocked: true, connection_id: true, connection: { select: { name: true, is_system: true } } } });
  if (!user) return fail(notFound("The user does not exist.", "inexistent_user"));
  if (by.sub === user.user_id) return fail(invalid("You cannot impersonate yourself."));
  if (user.blocked) return fail(invalid("The user is blocked: nobody can sign in as a blocked user."));
  const operatorRoleId = await findOperatorRoleId(db);
  const isOperator =
    user.connection.is_system ||
    user.connection.name === OPERATORS_CONNECTION ||
    (operatorRoleId !== null && (await db.userRole.count({ where: { user_id: userId, role_id: operatorRoleId } })) > 0);
  if (isOperator) return fail(forbidden("Operators cannot be impersonated."));

  const client = await db.client.findUnique({ where: { client_id: input.client_id }, select: { client_id: true, name: true, is_system: true, callbacks: true, grant_types: true, token_endpoint_auth_method: true } });
  if (!client) return fail(invalid("The application does not exist.", "invalid_body"));
  if (client.is_system) return fail(forbidden("Gatehouse's own applications cannot be impersonated into."));
  if (!(client.grant_types as string[]).includes("authorization_code"))
    return fail(invalid(`The application ${client.name} does not allow the authorization_code grant.`, "invalid_body"));
  if (client.token_endpoint_auth_method === "none")
    return fail(invalid(`The application ${client.name} is a public client: impersonation needs an application that authenticates at the token endpoint.`, "invalid_body"));
  const redirectUri = input.redirect_uri ?? (client.callbacks as string[])[0];
  if (!redirectUri) return fail(invalid(`The application ${client.name} has no Allowed Callback URL.`, "invalid_body"));

  let validated;
  try {
    validated = await validateLogin(db, {
      client_id: client.client_id,
      redirect_uri: redirectUri,
      response_type: "code",
      scope: input.scope ?? DEFAULT_IMPERSONATION_SCOPE,
      ...(input.audience ? { audience: input.audience } : {}),
      ...(input.state !== undefined ? { state: input.state } : {}),
    });
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    throw error;
  }
  const { request, connections } = validated;
  if (!connections.some((c) => c.id === user.connection_id))
    return fail(invalid(`The user's connection (${user.connection.name}) is not enabled for the application ${client.name}.`, "invalid_body"));
  const scope = await consentedScopes(db, validated.client, request, userId);

  const now = Date.now();
  const seconds = input.expires_in ?? IMPERSONATION_DEFAULT_SECONDS;
  const expiresAt = new Date(now + seconds * 1000);
  const secret = randomToken(32);
  const row = await db.impersonation.create({
    data: {
      id: `imp_${randomAlphanumeric(16)}`,
      user_id: userId,
      client_id: client.client_id,
      client_name: client.name,
      actor_sub: by.sub,
      actor_email: by.email,
      reason: input.reason,
      redirect_uri: request.redirect_uri,
      request: toJson({ scope, ...(request.audience ? { audience: request.audience } : {}), ...(request.state !== undefined ? { state: request.state } : {}) }),
      link_hash: sha256Hex(secret),
      link_expires_at: new Date(Math.min(now + IMPERSONATION_LINK_TTL_MS, expiresAt.getTime())),
      expires_at: expiresAt,
    },
  });
  return { login_url: `${env().issuer}u/impersonate?ticket=${secret}`, impersonation: presentImpersonation(row) };
}
