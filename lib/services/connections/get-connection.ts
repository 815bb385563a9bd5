import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { notFound } from "../errors.ts";
import { presentConnection, type ConnectionRow } from "./present-connection.ts";

export async function getConnectionRowOrThrow(db: DbOrTx, id: string): Promise<ConnectionRow> {
  const row = await db.connection.findUnique({ where: { id } });
  if (!row) throw notFound("The connection does not exist", "inexistent_connection");
  return row;
}

/** The client_ids a connection is enabled for, in a stable order. */
export async function findEnabledClientIds(db: DbOrTx, connectionId: string): Promise<string[]> {
  const links = await db.connectionClient.findMany({ where: { connection_id: connectionId }, select: { client_id: true }, orderBy: { client_id: "asc" } });
  return links.map((l) => l.client_id);
}

/** One connection with its `enabled_clients`. */
export async function getConnection(db: DbOrTx, id: string, _actor: Actor): Promise<Record<string, unknown>> {
  const row = await getConnectionRowOrThrow(db, id);
  return presentConnection(row, await findEnabledClientIds(db, id));
}
