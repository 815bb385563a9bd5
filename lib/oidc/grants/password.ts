// grant_type=password (RFC 6749 §4.3; auth0-authentication.md §3.3): the resource owner's
// credentials against the tenant's `default_directory` connection. The password-realm variant
// (./password-realm.ts) names the connection in `realm`; both share this implementation.
//
// - The application must have the grant type enabled (else unauthorized_client "Grant type '...'
//   not allowed for the client."), and the connection must be a database connection enabled for it.
// - Credentials go through authenticatePassword (enumeration-safe, timing-equalized, attack
//   protection, hashing in the worker pool). Its failures map to Auth0's answers:
//     wrong credentials     403 invalid_grant "Wrong email or password."
//     brute-force block     429 too_many_attempts "Your account has been blocked after ..."
//     suspicious IP         429 too_many_attempts "We have detected suspicious login behavior ..." + Retry-After
//     rate limit            429 too_many_requests + Retry-After
//     admin-blocked user    401 unauthorized "user is blocked" (Auth0's resource-owner answer, Part 4)
// - The end user's IP, for attack protection, is the `auth0-forwarded-for` header when the
//   application is confidential and trusted for it (is_token_endpoint_ip_header_trusted); otherwise
//   the caller's address, which for a server-side caller is the server's.
// - Scopes (§3.3): no API scope requested → every scope the audience defines (narrowed by RBAC);
//   only `openid` among the OpenID scopes → the standard set (openid profile email address phone).
//   No consent is asked: the user handed over the password (C.8).
// - MFA (lib/services/mfa): when the user must pass a second factor, the right password answers
//   403 mfa_required with an `mfa_token`, and the login completes at the MFA grants (./mfa-grant.ts).
import type { Db } from "../../db/client.ts";
import { cached } from "../../cache/config-cache.ts";
import { currentRequestContext } from "../../http/request-context.ts";
import { authenticatePassword, PasswordLoginError, recordLogin } from "../../services/authentication/authenticate-password.ts";
import type { AuthenticatedClient } from "../client-authentication.ts";
import { findDefaultAudience, findResourceServerForTokens } from "../config-lookups.ts";
import { OIDC_SCOPES } from "../claims.ts";
import { OAuthError } from "../errors.ts";
import type { Params } from "../request-params.ts";
import { issueTokenSet } from "../tokens/issue-token-set.ts";
import { mfaRequirement } from "../../services/mfa/mfa-requirement.ts";
import { endUserIp } from "./end-user-ip.ts";
import { mfaRequiredError } from "./mfa-grant.ts";

export const PASSWORD_REALM_GRANT = "http://auth0.com/oauth/grant-type/password-realm";
const STANDARD_OIDC_SCOPES = ["openid", "profile", "email", "address", "phone"];

/** What the token endpoint hands a grant besides the parameters. */
export type GrantRequest = { forwardedFor?: string | null };

type RealmConnection = { id: string; name: string; strategy: string; enabled: boolean };

function findRealm(db: Db, name: string, clientId: string): Promise<RealmConnection | null> {
  return cached(`password-realm:${name}\u0000${clientId}`, async () => {
    const connection = await db.connection.findUnique({
      where: { name },
      select: { id: true, name: true, strategy: true, clients: { where: { client_id: clientId }, select: { client_id: true } } },
    });
    return connection ? { id: connection.id, name: connection.name, strategy: connection.strategy, enabled: connection.clients.length > 0 } : null;
  });
}

function findDefaultDirectory(db: Db): Promise<string | null> {
  return cached("tenant:default_directory", async () => {
    const tenant = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { default_directory: true } });
    return tenant?.default_directory ?? null;
  });
}

async function requestedScopes(db: Db, scope: string | undefined, audience: string | undefined): Promise<string[]> {
  let scopes = [...new Set((scope ?? "").split(" ").filter(Boolean))];
  const oidc = scopes.filter((s) => OIDC_SCOPES.has(s) && s !== "offline_access");
  if (oidc.length === 1 && oidc[0] === "openid") scopes = [...new Set([...STANDARD_OIDC_SCOPES, ...scopes])];
  if (audience && !scopes.some((s) => !OIDC_SCOPES.has(s))) {
    const api = await findResourceServerForTokens(db, audience);
    scopes.push(...(api?.scopes as { value: string }[] | undefined ?? []).map((s) => s.value));
  }
  return scopes;
}

function toOAuthError(error: PasswordLoginError): OAuthError {
  const retry = error.retryAfterSeconds ? { "retry-after": String(error.retryAfterSeconds) } : undefined;
  switch (error.code) {
    case "invalid_user_password":
      return new OAuthError("invalid_grant", error.message);
    case "blocked":
      return new OAuthError("unauthorized", "user is blocked");
    case "password_leaked":
      return new OAuthError("password_leaked", error.message);
    case "too_many_attempts":
    case "ip_throttled":
      return new OAuthError("too_many_attempts", error.message, { headers: retry });
    case "too_many_requests":
      return new OAuthError("too_many_requests", error.message, { headers: retry });
  }
}

export async function resourceOwnerPasswordGrant(
  db: Db,
  client: AuthenticatedClient,
  params: Params,
  request: GrantRequest,
  grantType: "password" | typeof PASSWORD_REALM_GRANT,
) {
  if (!(client.grant_types as string[]).includes(grantType))
    throw new OAuthError("unauthorized_client", `Grant type '${grantType}' not allowed for the client.`);
  if (!params.username) throw new OAuthError("invalid_request", "Missing required parameter: username");
  if (params.password === undefined || params.password === "") throw new OAuthError("invalid_request", "Missing required parameter: password");

  let realmName: string | undefined;
  if (grantType === PASSWORD_REALM_GRANT) {
    realmName = params.realm;
    if (!realmName) throw new OAuthError("invalid_request", "Missing required parameter: realm");
  } else {
    realmName = (await findDefaultDirectory(db)) ?? undefined;
    if (!realmName) throw new OAuthError("invalid_request", "Authorization server not configured with default connection.");
  }
  const connection = await findRealm(db, realmName, client.client_id);
  if (!connection || connection.strategy !== "auth0") throw new OAuthError("invalid_request", "the connection was not found");
  if (!connection.enabled) throw new OAuthError("invalid_request", "the connection was disabled");

  const audience = params.audience || (await findDefaultAudience(db)) || undefined;
  if (audience && !(await findResourceServerForTokens(db, audience))) throw new OAuthError("access_denied", `Service not found: ${audience}`);

  const ip = endUserIp(client, request.forwardedFor);
  const loginIp = ip ?? currentRequestContext()?.ip;
  let authenticated;
  try {
    authenticated = await authenticatePassword(db, {
      connections: [{ id: connection.id, name: connection.name }],
      identifier: params.username,
      password: params.password,
      clientId: client.client_id,
      clientName: client.name,
      ...(ip ? { ip } : {}),
    });
  } catch (error) {
    if (error instanceof PasswordLoginError) throw toOAuthError(error);
    throw error;
  }
  const { user } = authenticated;
  const scope = await requestedScopes(db, params.scope, audience);
  // A second factor is needed: 403 mfa_required with an mfa_token; the login completes at the MFA grants (./mfa-grant.ts).
  if ((await mfaRequirement(db, user.user_id)).required)
    throw await mfaRequiredError(db, { client, user, connection: authenticated.connection, grant: { scope, ...(audience ? { audience } : {}) } });
  await recordLogin(db, { userId: user.user_id, userName: user.email ?? user.username, ip: loginIp, clientId: client.client_id, clientName: client.name, connection: authenticated.connection });

  const { tokens } = await issueTokenSet(db, {
    client,
    user,
    grant: { scope, audience, auth_time: Math.floor(Date.now() / 1000), amr: ["pwd"] },
    refresh: "new",
  });
  return { response: tokens, audience, scopes: tokens.scope.split(" ").filter(Boolean), userId: user.user_id };
}

export function passwordGrant(db: Db, client: AuthenticatedClient, params: Params, request: GrantRequest = {}) {
  return resourceOwnerPasswordGrant(db, client, params, request, "password");
}
