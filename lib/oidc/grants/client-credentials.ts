// grant_type=client_credentials (RFC 6749 §4.4; auth0-authentication.md §3.2).
//
// - The client must be confidential and have the grant enabled (else unauthorized_client).
// - `audience` (or the tenant's default_audience) must name an API (else access_denied
//   "Service not found"), and a client grant must authorize the client for it (else access_denied).
// - Granted scopes = the client grant's scopes that the API defines, narrowed to `scope` when one
//   is requested. Asking
//   only for scopes that are not granted is access_denied: a token never carries an ungranted scope.
import type { Db } from "../../db/client.ts";
import { OAuthError } from "../errors.ts";
import type { AuthenticatedClient } from "../client-authentication.ts";
import type { Params } from "../request-params.ts";
import { issueAccessToken } from "../tokens/issue-access-token.ts";
import { findClientGrant, findDefaultAudience, findResourceServerForTokens } from "../config-lookups.ts";

export type ClientCredentialsResult = {
  response: { access_token: string; expires_in: number; scope: string; token_type: "Bearer" };
  audience: string;
  scopes: string[];
};

export async function clientCredentialsGrant(db: Db, client: AuthenticatedClient, params: Params): Promise<ClientCredentialsResult> {
  const grantTypes = client.grant_types as string[];
  if (client.auth_method === "none" || !grantTypes.includes("client_credentials"))
    throw new OAuthError("unauthorized_client", "Grant type 'client_credentials' not allowed for the client.");

  let audience = params.audience;
  if (!audience) {
    audience = (await findDefaultAudience(db)) ?? undefined;
    if (!audience)
      throw new OAuthError("access_denied", "No audience parameter was provided, and no default audience has been configured");
  }

  const [resourceServer, grant] = await Promise.all([findResourceServerForTokens(db, audience), findClientGrant(db, client.client_id, audience)]);
  if (!resourceServer) throw new OAuthError("access_denied", `Service not found: ${audience}`);
  if (!grant)
    throw new OAuthError(
      "access_denied",
      `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.`,
    );

  // Backstop: only scopes the API still defines, whatever the grant row says.
  const defined = new Set((resourceServer.scopes as { value: string }[]).map((s) => s.value));
  const granted = (grant.scope as string[]).filter((s) => defined.has(s));
  let scopes = granted;
  if (params.scope !== undefined && params.scope.trim() !== "") {
    const requested = [...new Set(params.scope.split(" ").filter(Boolean))];
    scopes = requested.filter((s) => granted.includes(s));
    if (scopes.length === 0) throw new OAuthError("access_denied", "None of the requested scopes are granted to the client.");
  }

  const token = await issueAccessToken(db, {
    resourceServer,
    subject: `${client.client_id}@clients`,
    clientId: client.client_id,
    scopes,
    grantType: "client-credentials",
    permissions: scopes,
  });
  return { response: { ...token, scope: scopes.join(" "), token_type: "Bearer" }, audience, scopes };
}
