// A resource-server row in Auth0's response shape. The HS256 signing secret is included only when
// the caller passes it (create, and reads by callers Auth0 shows it to: see reveal-signing-secret.ts).
import type { Db } from "../../db/client.ts";

export type ResourceServerRow = Awaited<ReturnType<Db["resourceServer"]["findFirstOrThrow"]>>;
export type StoredScope = { value: string; description?: string };

export function scopesOf(row: Pick<ResourceServerRow, "scopes">): StoredScope[] {
  return row.scopes as StoredScope[];
}

export function presentResourceServer(row: ResourceServerRow, signingSecret?: string): Record<string, unknown> {
  const extra = (row.extra ?? {}) as Record<string, unknown>;
  return {
    ...extra,
    id: row.id,
    name: row.name,
    identifier: row.identifier,
    is_system: row.is_system,
    scopes: row.scopes,
    signing_alg: row.signing_alg,
    ...(signingSecret !== undefined && row.signing_alg === "HS256" ? { signing_secret: signingSecret } : {}),
    allow_offline_access: row.allow_offline_access,
    skip_consent_for_verifiable_first_party_clients: row.skip_consent_for_verifiable_first_party_clients,
    token_lifetime: row.token_lifetime,
    token_lifetime_for_web: row.token_lifetime_for_web,
    enforce_policies: row.enforce_policies,
    token_dialect: row.token_dialect,
  };
}
