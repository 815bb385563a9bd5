// JWT access tokens for an API (auth0-authentication.md B.4).
//
// Claims: iss, sub, aud, iat, exp, scope, jti, and the dialect's client claim: `azp` in Auth0's
// profile (`access_token`, header typ JWT), `client_id` in RFC 9068's (`rfc9068_profile`, typ
// at+jwt). The `*_authz` dialects add `permissions`. `gty` marks the grant, as Auth0 does.
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.ts";
import { findResourceServerWithSigningSecret } from "../../db/secrets.ts";
import { decryptSecret } from "../../crypto/encryption.ts";
import { env } from "../../env.ts";
import { signJwt, type SigningAlgorithm } from "./sign-jwt.ts";

export type ResourceServerForTokens = {
  identifier: string;
  signing_alg: string;
  token_lifetime: number;
  token_dialect: string;
};

export type AccessTokenInput = {
  resourceServer: ResourceServerForTokens;
  subject: string;
  clientId: string;
  scopes: string[];
  /** Auth0's `gty` claim; omitted for the authorization-code grant, as Auth0 does. */
  grantType?: string;
  permissions?: string[];
  lifetimeSeconds?: number;
  extraClaims?: Record<string, unknown>;
  /** Additional audiences (the userinfo audience when openid was granted). */
  extraAudiences?: string[];
};

async function hmacSecretFor(db: Db, identifier: string): Promise<Uint8Array> {
  const rs = await findResourceServerWithSigningSecret(db, identifier);
  if (!rs?.signing_secret_encrypted) throw new Error(`API ${identifier} has no signing secret`);
  return new TextEncoder().encode(await decryptSecret(rs.signing_secret_encrypted, "resource-server-secrets"));
}

export async function issueAccessToken(db: Db, input: AccessTokenInput): Promise<{ access_token: string; expires_in: number }> {
  const { resourceServer: rs } = input;
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = input.lifetimeSeconds ?? rs.token_lifetime;
  const rfc9068 = rs.token_dialect.startsWith("rfc9068_profile");
  const withPermissions = rs.token_dialect.endsWith("_authz");
  const audience = input.extraAudiences?.length ? [rs.identifier, ...input.extraAudiences] : rs.identifier;

  const payload: Record<string, unknown> = {
    ...input.extraClaims,
    iss: env().issuer,
    sub: input.subject,
    aud: audience,
    iat: now,
    exp: now + expiresIn,
    scope: input.scopes.join(" "),
    jti: randomUUID(),
    ...(rfc9068 ? { client_id: input.clientId } : { azp: input.clientId }),
    ...(input.grantType && !rfc9068 ? { gty: input.grantType } : {}),
    ...(withPermissions ? { permissions: input.permissions ?? [] } : {}),
  };
  const alg = rs.signing_alg as SigningAlgorithm;
  const access_token = await signJwt(db, payload, {
    alg,
    typ: rfc9068 ? "at+jwt" : "JWT",
    hmacSecret: alg === "HS256" ? await hmacSecretFor(db, rs.identifier) : undefined,
  });
  return { access_token, expires_in: expiresIn };
}
