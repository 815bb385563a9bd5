// A client-grant row in Auth0's response shape. Every Gatehouse grant is a client
// (machine-to-machine) grant made through the API, so subject_type is "client" and is_system false.
import type { Db } from "../../db/client.ts";

export type ClientGrantRow = Awaited<ReturnType<Db["clientGrant"]["findFirstOrThrow"]>>;

export function presentClientGrant(row: ClientGrantRow): Record<string, unknown> {
  return {
    id: row.id,
    client_id: row.client_id,
    audience: row.audience,
    scope: row.scope,
    ...(row.organization_usage ? { organization_usage: row.organization_usage } : {}),
    allow_any_organization: row.allow_any_organization,
    is_system: false,
    subject_type: "client",
  };
}
