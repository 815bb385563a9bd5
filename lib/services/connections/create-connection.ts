// Creates a connection. Only Gatehouse database connections (strategy `auth0`) can be created for
// now; their options are Gatehouse's secure defaults overridden key by key by the options given.
// As in Auth0, a new connection is enabled for no application unless `enabled_clients` lists some.
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { toJson } from "../../db/json.ts";
import { newConnectionId } from "../../crypto/ids.ts";
import { SUPPORTED_CONNECTION_STRATEGIES, unsupportedStrategyMessage, type ConnectionCreateInput } from "../../schemas/connections.ts";
import type { Actor } from "../actor.ts";
import { conflict, invalid } from "../errors.ts";
import { assertClientsExist } from "./assert-clients-exist.ts";
import { DEFAULT_DATABASE_CONNECTION_OPTIONS } from "./database-connection-options.ts";
import { presentConnection } from "./present-connection.ts";

export const connectionExists = () => conflict("A connection with the same name already exists", "connection_conflict");

/** Metadata as stored: `null` values (deletions) dropped. */
export function storedMetadata(metadata: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).filter((e): e is [string, string] => e[1] !== null));
}

export async function createConnection(db: Db, input: ConnectionCreateInput, _actor: Actor): Promise<Record<string, unknown>> {
  if (!SUPPORTED_CONNECTION_STRATEGIES.has(input.strategy)) throw invalid(unsupportedStrategyMessage(input.strategy), "invalid_body");
  const enabledClients = [...new Set(input.enabled_clients ?? [])].sort();
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.connection.findUnique({ where: { name: input.name }, select: { id: true } })) throw connectionExists();
      await assertClientsExist(tx, enabledClients);
      const row = await tx.connection.create({
        data: {
          id: newConnectionId(),
          name: input.name,
          display_name: input.display_name || null,
          strategy: input.strategy,
          options: toJson({ ...DEFAULT_DATABASE_CONNECTION_OPTIONS, ...input.options }),
          realms: input.realms?.length ? input.realms : [input.name],
          is_domain_connection: input.is_domain_connection ?? false,
          show_as_button: input.show_as_button ?? null,
          metadata: storedMetadata(input.metadata ?? {}),
        },
      });
      if (enabledClients.length)
        await tx.connectionClient.createMany({ data: enabledClients.map((client_id) => ({ connection_id: row.id, client_id })) });
      return presentConnection(row, enabledClients);
    });
  } catch (error) {
    // Two creates with the same name at once: the unique index decides.
    if (isUniqueViolation(error)) throw connectionExists();
    throw error;
  }
}
