// The tenant's settings: read in Auth0's shape, and patched (top-level properties replace; `flags`
// merge key by key, as Auth0's do).
import type { Db } from "../../db/client.ts";
import { JsonColumnNull, toJson } from "../../db/json.ts";
import { TENANT_PASSTHROUGH_FIELDS, type TenantSettingsUpdate } from "../../schemas/tenant-settings.ts";
import type { Actor } from "../actor.ts";
import { invalid, notFound } from "../errors.ts";

type Row = Awaited<ReturnType<Db["tenantSettings"]["findFirstOrThrow"]>>;

/** Flags as a fresh tenant has them; stored flags override. */
const DEFAULT_FLAGS = { enable_client_connections: true, revoke_refresh_token_grant: false, disable_impersonation: false };

function present(row: Row): Record<string, unknown> {
  const extra = (row.extra ?? {}) as Record<string, unknown>;
  return {
    // Gatehouse publishes end_session_endpoint by default (spec: next-auth/openid-client need it).
    oidc_logout: { rp_logout_end_session_endpoint_discovery: true },
    ...extra,
    friendly_name: row.friendly_name,
    picture_url: row.picture_url ?? undefined,
    support_email: row.support_email ?? undefined,
    support_url: row.support_url ?? undefined,
    allowed_logout_urls: row.allowed_logout_urls,
    session_lifetime: row.session_lifetime,
    idle_session_lifetime: row.idle_session_lifetime,
    default_audience: row.default_audience ?? "",
    default_directory: row.default_directory ?? "",
    default_redirection_uri: row.default_redirection_uri ?? undefined,
    enabled_locales: row.enabled_locales,
    error_page: row.error_page ?? undefined,
    flags: { ...DEFAULT_FLAGS, ...(row.flags as object) },
    sandbox_version: "22",
  };
}

async function row(db: Db): Promise<Row> {
  const found = await db.tenantSettings.findUnique({ where: { id: 1 } });
  if (!found) throw notFound("The tenant has not been set up.");
  return found;
}

export async function getTenantSettings(db: Db): Promise<Record<string, unknown>> {
  return present(await row(db));
}

export async function updateTenantSettings(db: Db, input: TenantSettingsUpdate, _actor: Actor): Promise<Record<string, unknown>> {
  const current = await row(db);
  const sessionLifetime = input.session_lifetime_in_minutes !== undefined ? input.session_lifetime_in_minutes / 60 : input.session_lifetime;
  const idleLifetime = input.idle_session_lifetime_in_minutes !== undefined ? input.idle_session_lifetime_in_minutes / 60 : input.idle_session_lifetime;
  if ((idleLifetime ?? current.idle_session_lifetime) > (sessionLifetime ?? current.session_lifetime))
    throw invalid("idle_session_lifetime must not be longer than session_lifetime.", "invalid_body");
  if (input.default_directory) {
    const connection = await db.connection.findUnique({ where: { name: input.default_directory }, select: { strategy: true } });
    if (!connection) throw invalid(`default_directory: the connection ${input.default_directory} does not exist.`, "invalid_body");
  }
  const extra = { ...((current.extra as Record<string, unknown> | null) ?? {}) };
  for (const field of TENANT_PASSTHROUGH_FIELDS) if (input[field] !== undefined) extra[field] = input[field];

  const updated = await db.tenantSettings.update({
    where: { id: 1 },
    data: {
      friendly_name: input.friendly_name,
      picture_url: input.picture_url,
      support_email: input.support_email,
      support_url: input.support_url,
      default_audience: input.default_audience === "" ? null : input.default_audience,
      default_directory: input.default_directory === "" ? null : input.default_directory,
      session_lifetime: sessionLifetime,
      idle_session_lifetime: idleLifetime,
      default_redirection_uri: input.default_redirection_uri,
      allowed_logout_urls: input.allowed_logout_urls,
      enabled_locales: input.enabled_locales,
      error_page: input.error_page === null ? JsonColumnNull : input.error_page ? toJson(input.error_page) : undefined,
      flags: input.flags ? toJson({ ...(current.flags as object), ...input.flags }) : undefined,
      extra: toJson(extra),
    },
  });
  return present(updated);
}
