// The application and database connection a /dbconnections request names: the client must exist,
// the connection must be a database connection enabled for it (auth0-authentication.md D.5:
// "the connection was not found" / "the connection was disabled").
import type { Db } from "../db/client.ts";
import { DbConnectionsError } from "./legacy-error.ts";

export type DbConnectionTarget = {
  client: { client_id: string; name: string };
  connection: { id: string; name: string; strategy: string; options: unknown };
};

export async function findDbConnectionTarget(db: Db, clientId: unknown, connectionName: unknown): Promise<DbConnectionTarget> {
  if (typeof clientId !== "string" || clientId === "") throw new DbConnectionsError(400, "invalid_request", "Missing required property: client_id");
  if (typeof connectionName !== "string" || connectionName === "") throw new DbConnectionsError(400, "invalid_request", "Missing required property: connection");
  const client = await db.client.findUnique({ where: { client_id: clientId.slice(0, 128) }, select: { client_id: true, name: true } });
  if (!client) throw new DbConnectionsError(400, "invalid_request", "Unknown client.");
  const connection = await db.connection.findUnique({
    where: { name: connectionName.slice(0, 128) },
    select: { id: true, name: true, strategy: true, options: true, clients: { where: { client_id: client.client_id }, select: { client_id: true } } },
  });
  if (!connection || connection.strategy !== "auth0") throw new DbConnectionsError(400, "invalid_request", "the connection was not found");
  if (connection.clients.length === 0) throw new DbConnectionsError(400, "invalid_request", "the connection was disabled");
  const { clients: _clients, ...rest } = connection;
  return { client, connection: rest };
}
