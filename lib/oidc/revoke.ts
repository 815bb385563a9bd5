// POST /oauth/revoke (RFC 7009; auth0-authentication.md Part 8): revokes a refresh token and the
// rest of its family (rotation makes the family one grant). Unknown tokens, and tokens of another
// client, answer 200 all the same (RFC 7009 §2.2: nothing is revealed about the token).
// With the tenant flag revoke_refresh_token_grant, every token of the same user + application +
// audience goes too.
import type { Db } from "../db/client.ts";
import { authenticateClient } from "./client-authentication.ts";
import { OAuthError } from "./errors.ts";
import type { Params } from "./request-params.ts";
import { findRefreshToken, revokeRefreshTokenFamily } from "./tokens/refresh-tokens.ts";

export async function revokeToken(db: Db, input: { authorization: string | null; params: Params }): Promise<void> {
  const client = await authenticateClient(db, input);
  const token = input.params.token;
  if (!token) throw new OAuthError("invalid_request", "Missing required parameter: token");
  const row = await findRefreshToken(db, token);
  if (!row || row.client_id !== client.client_id) return;
  await revokeRefreshTokenFamily(db, row.family_id);
  const tenant = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { flags: true } });
  if ((tenant?.flags as Record<string, unknown> | null)?.revoke_refresh_token_grant === true) {
    const audience = (row.grant as { audience?: string }).audience;
    const siblings = await db.refreshToken.findMany({ where: { user_id: row.user_id, client_id: row.client_id, revoked_at: null }, select: { family_id: true, grant: true } });
    for (const sibling of siblings) if ((sibling.grant as { audience?: string }).audience === audience) await revokeRefreshTokenFamily(db, sibling.family_id);
  }
}
