// Serializes every write that must agree with an API's scope list: creating or changing a client
// grant, and changing the API's scopes. Each takes the API row's write lock first (a no-op update:
// PostgreSQL row lock, held to the end of the transaction; SQLite has a single writer), then reads
// the scopes. So a grant is validated against the scopes that are current when it commits, and an
// API update that removes a scope sees, and prunes, every grant committed before it.
import type { DbOrTx } from "../../db/client.ts";
import { scopesOf, type StoredScope } from "./present-resource-server.ts";

export type LockedResourceServer = { identifier: string; is_system: boolean; scopes: StoredScope[] };

/** Must run inside a transaction. Null when no API has this identifier. */
export async function lockResourceServer(tx: DbOrTx, identifier: string): Promise<LockedResourceServer | null> {
  const { count } = await tx.resourceServer.updateMany({ where: { identifier }, data: { updated_at: new Date() } });
  if (count === 0) return null;
  const row = await tx.resourceServer.findUnique({ where: { identifier }, select: { identifier: true, is_system: true, scopes: true } });
  return row ? { identifier: row.identifier, is_system: row.is_system, scopes: scopesOf(row) } : null;
}
