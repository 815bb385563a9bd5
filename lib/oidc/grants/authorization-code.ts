// grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6; auth0-authentication.md §3.1).
// - the code is single use and bound to the client and redirect_uri it was issued for;
// - a replayed code revokes the refresh tokens issued from it (RFC 6749 §4.1.2);
// - PKCE: a code issued with a challenge needs the matching S256 verifier;
// - the user must still exist and not be blocked.
import { createHash } from "node:crypto";
import type { Db } from "../../db/client.ts";
import type { AuthenticatedClient } from "../client-authentication.ts";
import { recordCodeTokenFamily, redeemAuthorizationCode } from "../codes/authorization-codes.ts";
import { OAuthError } from "../errors.ts";
import type { Params } from "../request-params.ts";
import { issueTokenSet } from "../tokens/issue-token-set.ts";
import { revokeRefreshTokenFamily } from "../tokens/refresh-tokens.ts";

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export async function authorizationCodeGrant(db: Db, client: AuthenticatedClient, params: Params) {
  if (!(client.grant_types as string[]).includes("authorization_code"))
    throw new OAuthError("unauthorized_client", "Grant type 'authorization_code' not allowed for the client.");
  if (!params.code) throw new OAuthError("invalid_request", "Missing required parameter: code");

  const redeemed = await redeemAuthorizationCode(db, params.code, client.client_id);
  if (redeemed.kind === "replayed") {
    if (redeemed.tokenFamily) await revokeRefreshTokenFamily(db, redeemed.tokenFamily);
    throw new OAuthError("invalid_grant", "Invalid authorization code");
  }
  if (redeemed.kind !== "ok") throw new OAuthError("invalid_grant", "Invalid authorization code");

  if (params.redirect_uri !== redeemed.redirectUri) throw new OAuthError("invalid_grant", "redirect_uri does not match the authorization request.");
  const { grant } = redeemed;
  if (grant.code_challenge) {
    const verifier = params.code_verifier;
    const computed = verifier && VERIFIER.test(verifier) ? createHash("sha256").update(verifier).digest("base64url") : undefined;
    if (computed !== grant.code_challenge) throw new OAuthError("invalid_grant", "Failed to verify code verifier");
  } else if (params.code_verifier !== undefined) {
    throw new OAuthError("invalid_grant", "Failed to verify code verifier");
  }

  const user = await db.user.findUnique({ where: { user_id: redeemed.userId } });
  if (!user || user.blocked) throw new OAuthError("invalid_grant", user ? "user is blocked" : "Invalid authorization code");

  const { tokens, familyId } = await issueTokenSet(db, { client, user, grant, refresh: "new" });
  if (familyId) await recordCodeTokenFamily(db, redeemed.codeHash, familyId);
  return { response: tokens, audience: grant.audience, scopes: tokens.scope.split(" ").filter(Boolean), userId: user.user_id };
}
