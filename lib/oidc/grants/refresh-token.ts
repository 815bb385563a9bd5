// grant_type=refresh_token (RFC 6749 §6; auth0-authentication.md §3.5).
// - the token must belong to the client presenting it (a token used by another client fails);
// - rotating tokens are single use: the successor continues the family, with the family's
//   absolute expiry (rotation never extends it); presenting an already-exchanged token is reuse:
//   the whole family is revoked (RFC 6819 §5.2.2.3, OAuth 2.1 §6.1);
// - `scope` may only narrow the original grant.
import type { Db } from "../../db/client.ts";
import type { AuthenticatedClient } from "../client-authentication.ts";
import { OAuthError } from "../errors.ts";
import type { Params } from "../request-params.ts";
import { issueTokenSet, type Grant } from "../tokens/issue-token-set.ts";
import { findRefreshToken, markRotated, revokeRefreshTokenFamily } from "../tokens/refresh-tokens.ts";

const INVALID = "Unknown or invalid refresh token.";

export async function refreshTokenGrant(db: Db, client: AuthenticatedClient, params: Params) {
  if (!(client.grant_types as string[]).includes("refresh_token"))
    throw new OAuthError("unauthorized_client", "Grant type 'refresh_token' not allowed for the client.");
  if (!params.refresh_token) throw new OAuthError("invalid_request", "Missing required parameter: refresh_token");

  const token = await findRefreshToken(db, params.refresh_token);
  if (!token || token.client_id !== client.client_id || token.revoked_at) throw new OAuthError("invalid_grant", INVALID);
  if (token.rotating && token.rotated_at) {
    await revokeRefreshTokenFamily(db, token.family_id);
    throw new OAuthError("invalid_grant", INVALID);
  }
  const now = Date.now();
  if ((token.expires_at && token.expires_at.getTime() <= now) || (token.idle_expires_at && token.idle_expires_at.getTime() <= now))
    throw new OAuthError("invalid_grant", INVALID);

  const original = token.grant as Grant;
  let scope = original.scope;
  if (params.scope !== undefined && params.scope.trim() !== "") {
    const requested = [...new Set(params.scope.split(" ").filter(Boolean))];
    const extra = requested.filter((s) => !original.scope.includes(s));
    if (extra.length) throw new OAuthError("invalid_scope", `Scope not granted: ${extra.join(" ")}`);
    scope = requested;
  }

  const user = await db.user.findUnique({ where: { user_id: token.user_id } });
  if (!user || user.blocked) throw new OAuthError("invalid_grant", INVALID);

  if (token.rotating && !(await markRotated(db, token.id))) {
    await revokeRefreshTokenFamily(db, token.family_id);
    throw new OAuthError("invalid_grant", INVALID);
  }
  if (!token.rotating) await db.refreshToken.update({ where: { id: token.id }, data: { last_exchanged_at: new Date() } });

  // The refresh keeps the original grant (nonce is for the first ID token only).
  const grant: Grant = { ...original, scope: scope.includes("offline_access") || !token.rotating ? scope : [...scope, "offline_access"], nonce: undefined };
  const { tokens } = await issueTokenSet(db, {
    client,
    user,
    grant,
    refresh: token.rotating ? { familyId: token.family_id, expiresAt: token.expires_at, sessionId: token.session_id } : "none",
  });
  return { response: tokens, audience: grant.audience, scopes: tokens.scope.split(" ").filter(Boolean), userId: user.user_id };
}
