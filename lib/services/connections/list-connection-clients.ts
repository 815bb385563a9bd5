// GET /connections/{id}/clients: the applications a connection is enabled for, by client_id
// (checkpoint paging; Auth0 returns only `{client_id}` per entry).
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { getConnectionRowOrThrow } from "./get-connection.ts";

export async function listConnectionClients(
  db: DbOrTx,
  connectionId: string,
  input: { after?: string; take: number },
  _actor: Actor,
): Promise<{ client_id: string }[]> {
  await getConnectionRowOrThrow(db, connectionId);
  return db.connectionClient.findMany({
    where: { connection_id: connectionId, ...(input.after !== undefined ? { client_id: { gt: input.after } } : {}) },
    select: { client_id: true },
    orderBy: { client_id: "asc" },
    take: input.take,
  });
}
