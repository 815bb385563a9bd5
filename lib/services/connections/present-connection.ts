// A connection row in Auth0's response shape. `enabled_clients` appears only on single-connection
// responses (create, get, update), never in lists (auth0-config-endpoints.md §4).
import type { Db } from "../../db/client.ts";

export type ConnectionRow = Awaited<ReturnType<Db["connection"]["findFirstOrThrow"]>>;

export function presentConnection(row: ConnectionRow, enabledClients?: string[]): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    // Auth0 falls back to the name when no display name was set (and resets it to the name on a
    // PATCH without one), so a label is always there for login pages and SDK callers.
    display_name: row.display_name ?? row.name,
    strategy: row.strategy,
    options: row.options,
    realms: row.realms,
    is_domain_connection: row.is_domain_connection,
    ...(row.show_as_button !== null ? { show_as_button: row.show_as_button } : {}),
    metadata: row.metadata,
    ...(enabledClients ? { enabled_clients: enabledClients } : {}),
    // Gatehouse extension, as on clients: the operators' connection is managed by Gatehouse.
    ...(row.is_system ? { is_system: true } : {}),
  };
}
