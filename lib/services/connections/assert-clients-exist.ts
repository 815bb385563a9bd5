// Enabling a connection for an application needs the application: a client_id that does not exist
// is a mistake in the request body, so it is a 400 naming the ids (a 404 would read as "the
// connection does not exist" to SDK callers, who get a NotFoundError for either).
import type { DbOrTx } from "../../db/client.ts";
import { invalid } from "../errors.ts";

export async function assertClientsExist(db: DbOrTx, clientIds: readonly string[]): Promise<void> {
  const wanted = [...new Set(clientIds)];
  if (wanted.length === 0) return;
  const found = await db.client.findMany({ where: { client_id: { in: wanted } }, select: { client_id: true } });
  const known = new Set(found.map((c) => c.client_id));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 10).join(", ");
    throw invalid(`The client does not exist: ${shown}${unknown.length > 10 ? ` (and ${unknown.length - 10} more)` : ""}`, "inexistent_client");
  }
}
