// GET/POST /userinfo (OpenID Connect Core §5.3): the claims the access token's scopes release.
// The token must be one of ours for the userinfo audience (RFC 6750 §3 errors: invalid_token 401).
import type { Db } from "../db/client.ts";
import { env } from "../env.ts";
import { userClaims } from "./claims.ts";
import { OAuthError } from "./errors.ts";
import { InvalidAccessTokenError, verifyAccessToken } from "./tokens/verify-access-token.ts";

function invalidToken(description: string): OAuthError {
  return new OAuthError("invalid_token", description, {
    status: 401,
    headers: { "WWW-Authenticate": `Bearer realm="gatehouse", error="invalid_token", error_description="${description.replace(/"/g, "'")}"` },
  });
}

/** The bearer token from the Authorization header, or (RFC 6750 §2.2) the form body's access_token. */
export function bearerToken(authorization: string | null, formToken: string | undefined): string {
  const header = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1] : undefined;
  if (header && formToken) throw new OAuthError("invalid_request", "Send the access token once: in the Authorization header or in the body.");
  const token = header ?? formToken;
  if (!token)
    throw new OAuthError("invalid_request", "Missing access token.", { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="gatehouse"' } });
  return token;
}

export async function userinfo(db: Db, token: string): Promise<Record<string, unknown>> {
  let payload;
  try {
    payload = await verifyAccessToken(db, token, `${env().issuer}userinfo`);
  } catch (error) {
    if (error instanceof InvalidAccessTokenError) throw invalidToken(error.message);
    throw error;
  }
  const user = await db.user.findUnique({ where: { user_id: payload.sub! } });
  if (!user || user.blocked) throw invalidToken("The user is not available.");
  const scopes = typeof payload.scope === "string" ? payload.scope.split(" ") : [];
  return { sub: user.user_id, ...userClaims(user, scopes) };
}
