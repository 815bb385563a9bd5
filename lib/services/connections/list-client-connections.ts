// GET /clients/{id}/connections: the connections enabled for an application (checkpoint paging),
// the reverse view of GET /connections/{id}/clients.
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { notFound } from "../errors.ts";
import { listConnections, type ListConnectionsInput } from "./list-connections.ts";
import type { ConnectionRow } from "./present-connection.ts";

export async function listClientConnections(
  db: DbOrTx,
  clientId: string,
  input: Pick<ListConnectionsInput, "strategy" | "after" | "take">,
  actor: Actor,
): Promise<{ connections: Record<string, unknown>[]; rows: ConnectionRow[] }> {
  const client = await db.client.findUnique({ where: { client_id: clientId }, select: { client_id: true } });
  if (!client) throw notFound("The client does not exist", "inexistent_client");
  return listConnections(db, { ...input, enabledForClientId: clientId }, actor);
}
