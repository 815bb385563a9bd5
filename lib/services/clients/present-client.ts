// A client row in Auth0's response shape. The secret is included only when the caller passes it
// (create, rotate, and reads by callers holding read:client_keys).
import type { Db } from "../../db/client.ts";

export type ClientRow = Awaited<ReturnType<Db["client"]["findFirstOrThrow"]>>;

export const TENANT_NAME = "gatehouse";

export const DEFAULT_JWT_CONFIGURATION = { alg: "RS256", lifetime_in_seconds: 36_000, secret_encoded: false } as const;

/** Rotation with reuse detection and expiry by default: a stolen refresh token dies on first reuse. */
export const DEFAULT_REFRESH_TOKEN = {
  rotation_type: "rotating",
  expiration_type: "expiring",
  leeway: 0,
  token_lifetime: 2_592_000,
  infinite_token_lifetime: false,
  idle_token_lifetime: 1_296_000,
  infinite_idle_token_lifetime: false,
} as const;

export function presentClient(row: ClientRow, secret?: string | null): Record<string, unknown> {
  const extra = (row.extra ?? {}) as Record<string, unknown>;
  return {
    ...extra,
    tenant: TENANT_NAME,
    global: false,
    client_id: row.client_id,
    ...(secret ? { client_secret: secret } : {}),
    name: row.name,
    description: row.description,
    app_type: row.app_type ?? undefined,
    logo_uri: row.logo_uri ?? undefined,
    is_first_party: row.is_first_party,
    oidc_conformant: row.oidc_conformant,
    callbacks: row.callbacks,
    allowed_origins: row.allowed_origins,
    web_origins: row.web_origins,
    allowed_clients: row.allowed_clients,
    allowed_logout_urls: row.allowed_logout_urls,
    grant_types: row.grant_types,
    jwt_configuration: { ...DEFAULT_JWT_CONFIGURATION, ...(row.jwt_configuration as object) },
    token_endpoint_auth_method: row.token_endpoint_auth_method,
    is_token_endpoint_ip_header_trusted: row.is_token_endpoint_ip_header_trusted,
    sso_disabled: row.sso_disabled,
    cross_origin_authentication: row.cross_origin_authentication,
    client_metadata: row.client_metadata,
    initiate_login_uri: row.initiate_login_uri ?? undefined,
    refresh_token: { ...DEFAULT_REFRESH_TOKEN, ...(row.refresh_token as object) },
    organization_usage: row.organization_usage ?? undefined,
    organization_require_behavior: row.organization_require_behavior ?? undefined,
    custom_login_page_on: extra.custom_login_page_on ?? true,
    callback_url_template: false,
    is_system: row.is_system || undefined,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
