// The token response of an interactive grant (authorization code, refresh token, password):
// an access token for the API (or for /userinfo when no audience was asked), an ID token when
// `openid` was granted, and a refresh token when `offline_access` was asked, the application has
// the refresh_token grant and the API allows offline access (auth0-authentication.md §2.4, B.1-B.6).
import { randomUUID } from "node:crypto";
import type { Db, DbOrTx } from "../../db/client.ts";
import { toJson } from "../../db/json.ts";
import { decryptSecret } from "../../crypto/encryption.ts";
import { findEncryptedClientSecrets } from "../../db/secrets.ts";
import { randomToken, sha256Hex } from "../../crypto/random.ts";
import { env } from "../../env.ts";
import { OIDC_SCOPES, userClaims, type ClaimSource } from "../claims.ts";
import { findResourceServerForTokens } from "../config-lookups.ts";
import { OAuthError } from "../errors.ts";
import { issueAccessToken } from "./issue-access-token.ts";
import { signJwt, type SigningAlgorithm } from "./sign-jwt.ts";

/** What the user authorized: carried from /authorize to the code and on to refresh tokens. */
export type Grant = {
  scope: string[];
  audience?: string;
  nonce?: string;
  /** Seconds since the epoch. */
  auth_time: number;
  amr: string[];
  sid?: string;
  /** Impersonation (issue: dashboard): RFC 8693 actor claim. */
  act?: Record<string, unknown>;
  /**
   * Seconds since the epoch: no token issued from this grant outlives it (the impersonation time
   * box, lib/services/impersonation). Refresh after it fails with invalid_grant.
   */
  not_after?: number;
};

export type TokenClient = {
  client_id: string;
  grant_types: unknown;
  jwt_configuration: unknown;
  refresh_token: unknown;
};

type RefreshConfig = {
  rotation_type?: string;
  expiration_type?: string;
  token_lifetime?: number;
  infinite_token_lifetime?: boolean;
  idle_token_lifetime?: number;
  infinite_idle_token_lifetime?: boolean;
};

export type TokenSet = {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
};

const USERINFO_TOKEN_LIFETIME = 86_400;

async function userPermissions(db: DbOrTx, userId: string, audience: string): Promise<string[]> {
  const [direct, viaRoles] = await Promise.all([
    db.userPermission.findMany({ where: { user_id: userId, resource_server_identifier: audience }, select: { permission_name: true } }),
    db.rolePermission.findMany({
      where: { resource_server_identifier: audience, role: { users: { some: { user_id: userId } } } },
      select: { permission_name: true },
    }),
  ]);
  return [...new Set([...direct, ...viaRoles].map((p) => p.permission_name))].sort();
}

async function idTokenKey(db: Db, client: TokenClient): Promise<{ alg: SigningAlgorithm; hmacSecret?: Uint8Array }> {
  const alg = ((client.jwt_configuration as { alg?: string } | null)?.alg ?? "RS256") as SigningAlgorithm;
  if (alg !== "HS256") return { alg };
  const encrypted = (await findEncryptedClientSecrets(db, [client.client_id])).get(client.client_id);
  if (!encrypted) throw new Error("HS256 ID tokens need the application's secret");
  return { alg, hmacSecret: new TextEncoder().encode(await decryptSecret(encrypted, "client-secrets")) };
}

/** The scopes a grant yields: OpenID scopes as asked, API scopes the API defines (and, with RBAC, the user holds). */
export async function grantedScopes(db: Db, grant: Grant, userId: string): Promise<{ scopes: string[]; permissions: string[] }> {
  const oidc = grant.scope.filter((s) => OIDC_SCOPES.has(s));
  if (!grant.audience) return { scopes: oidc, permissions: [] };
  const api = await findResourceServerForTokens(db, grant.audience);
  if (!api) return { scopes: oidc, permissions: [] };
  const defined = new Set((api.scopes as { value: string }[]).map((s) => s.value));
  let apiScopes = grant.scope.filter((s) => !OIDC_SCOPES.has(s) && defined.has(s));
  const permissions = api.enforce_policies || api.token_dialect.endsWith("_authz") ? await userPermissions(db, userId, grant.audience) : [];
  if (api.enforce_policies) apiScopes = apiScopes.filter((s) => permissions.includes(s));
  return { scopes: [...oidc, ...apiScopes], permissions };
}

export async function issueTokenSet(
  db: Db,
  input: {
    client: TokenClient;
    user: ClaimSource;
    grant: Grant;
    /** The refresh token family to continue (rotation), or a new one. */
    refresh?: { familyId: string; expiresAt: Date | null; sessionId?: string | null } | "new" | "none";
  },
): Promise<{ tokens: TokenSet; refreshTokenId?: string; familyId?: string }> {
  const { client, user, grant } = input;
  const issuer = env().issuer;
  const remaining = grant.not_after === undefined ? undefined : grant.not_after - Math.floor(Date.now() / 1000);
  if (remaining !== undefined && remaining <= 0) throw new OAuthError("invalid_grant", "The grant has expired.");
  const userinfoAudience = `${issuer}userinfo`;
  const { scopes, permissions } = await grantedScopes(db, grant, user.user_id);
  const openid = scopes.includes("openid");
  const api = grant.audience ? await findResourceServerForTokens(db, grant.audience) : null;

  const { access_token, expires_in } = await issueAccessToken(db, {
    resourceServer: api ?? { identifier: userinfoAudience, signing_alg: "RS256", token_lifetime: USERINFO_TOKEN_LIFETIME, token_dialect: "access_token" },
    subject: user.user_id,
    clientId: client.client_id,
    scopes,
    permissions,
    extraAudiences: api && openid ? [userinfoAudience] : undefined,
    extraClaims: grant.act ? { act: grant.act } : undefined,
    lifetimeSeconds: remaining === undefined ? undefined : Math.min(remaining, api?.token_lifetime ?? USERINFO_TOKEN_LIFETIME),
  });

  let id_token: string | undefined;
  if (openid) {
    const now = Math.floor(Date.now() / 1000);
    const configured = (client.jwt_configuration as { lifetime_in_seconds?: number } | null)?.lifetime_in_seconds ?? 36_000;
    const lifetime = remaining === undefined ? configured : Math.min(configured, remaining);
    const key = await idTokenKey(db, client);
    id_token = await signJwt(
      db,
      {
        ...userClaims(user, scopes),
        iss: issuer,
        sub: user.user_id,
        aud: client.client_id,
        iat: now,
        exp: now + lifetime,
        auth_time: grant.auth_time,
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
        ...(grant.sid ? { sid: grant.sid } : {}),
        ...(grant.amr.length ? { amr: grant.amr } : {}),
        ...(grant.act ? { act: grant.act, impersonated: true } : {}),
        jti: randomUUID(),
      },
      key,
    );
  }

  let refresh_token: string | undefined;
  let refreshTokenId: string | undefined;
  let familyId: string | undefined;
  const wantsRefresh = input.refresh !== "none" && input.refresh !== undefined;
  const clientAllows = Array.isArray(client.grant_types) && (client.grant_types as string[]).includes("refresh_token");
  const apiAllows = !grant.audience || api?.allow_offline_access === true;
  if (wantsRefresh && scopes.includes("offline_access") && clientAllows && apiAllows) {
    const config = (client.refresh_token ?? {}) as RefreshConfig;
    const now = Date.now();
    const continuing = typeof input.refresh === "object" ? input.refresh : undefined;
    familyId = continuing?.familyId ?? randomUUID();
    const uncapped =
      continuing?.expiresAt !== undefined
        ? continuing.expiresAt
        : config.expiration_type === "non-expiring" || config.infinite_token_lifetime
          ? null
          : new Date(now + (config.token_lifetime ?? 2_592_000) * 1000);
    const notAfter = grant.not_after === undefined ? null : new Date(grant.not_after * 1000);
    const expiresAt = notAfter && (!uncapped || uncapped > notAfter) ? notAfter : uncapped;
    const idle = config.expiration_type === "non-expiring" || config.infinite_idle_token_lifetime ? null : new Date(now + (config.idle_token_lifetime ?? 1_296_000) * 1000);
    refresh_token = randomToken(32);
    refreshTokenId = randomUUID();
    await db.refreshToken.create({
      data: {
        id: refreshTokenId,
        token_hash: sha256Hex(refresh_token),
        family_id: familyId,
        client_id: client.client_id,
        user_id: user.user_id,
        session_id: continuing?.sessionId ?? grant.sid ?? null,
        grant: toJson(grant),
        rotating: config.rotation_type !== "non-rotating",
        expires_at: expiresAt,
        idle_expires_at: idle && expiresAt && idle > expiresAt ? expiresAt : idle,
      },
    });
  }

  return {
    tokens: { access_token, ...(id_token ? { id_token } : {}), ...(refresh_token ? { refresh_token } : {}), token_type: "Bearer", expires_in, scope: scopes.join(" ") },
    refreshTokenId,
    familyId,
  };
}
