// Updates a connection with Auth0's PATCH semantics (auth0-config-endpoints.md §4):
// - `options` replaces the stored options as a whole (`null` resets them to Gatehouse's defaults);
// - `display_name` left out is reset to the name, as Auth0 does (tools send it on every PATCH);
// - `metadata` merges key by key, `null` deleting a key; at most 10 keys remain;
// - `realms` replaces (empty = the connection's name); `enabled_clients` replaces the full list
//   (deprecated in Auth0 in favour of PATCH /connections/{id}/clients, still supported; `null` = unchanged).
// `name` and `strategy` cannot change (the schema rejects them).
import type { Db, Prisma } from "../../db/client.ts";
import { isForeignKeyViolation, isUniqueViolation } from "../../db/errors.ts";
import { toJson } from "../../db/json.ts";
import type { ConnectionUpdateInput } from "../../schemas/connections.ts";
import type { Actor } from "../actor.ts";
import { conflict, invalid } from "../errors.ts";
import { assertClientsExist } from "./assert-clients-exist.ts";
import { assertSystemConnectionRules } from "./assert-system-connection-rules.ts";
import { storedMetadata } from "./create-connection.ts";
import { DEFAULT_DATABASE_CONNECTION_OPTIONS } from "./database-connection-options.ts";
import { getConnectionRowOrThrow } from "./get-connection.ts";
import { presentConnection } from "./present-connection.ts";

export async function updateConnection(db: Db, id: string, input: ConnectionUpdateInput, _actor: Actor): Promise<Record<string, unknown>> {
  try {
    return await db.$transaction(async (tx) => {
      const existing = await getConnectionRowOrThrow(tx, id);
      const options = input.options === undefined ? undefined : (input.options ?? { ...DEFAULT_DATABASE_CONNECTION_OPTIONS });
      const enabledClients = input.enabled_clients == null ? undefined : [...new Set(input.enabled_clients)].sort();
      await assertSystemConnectionRules(tx, existing, { options, is_domain_connection: input.is_domain_connection, enableClients: enabledClients, replace: true });

      const data: Prisma.ConnectionUpdateInput = { display_name: input.display_name || null };
      if (options !== undefined) data.options = toJson(options);
      if (input.is_domain_connection !== undefined) data.is_domain_connection = input.is_domain_connection;
      if (input.show_as_button !== undefined) data.show_as_button = input.show_as_button;
      if (input.realms !== undefined) data.realms = input.realms.length ? input.realms : [existing.name];
      if (input.metadata !== undefined) {
        const merged = storedMetadata({ ...(existing.metadata as Record<string, string>), ...input.metadata });
        if (Object.keys(merged).length > 10) throw invalid("Payload validation error: 'metadata can have at most 10 properties' on property metadata.", "invalid_body");
        data.metadata = merged;
      }
      const row = await tx.connection.update({ where: { id }, data });

      if (enabledClients !== undefined) {
        await assertClientsExist(tx, enabledClients);
        await tx.connectionClient.deleteMany({ where: { connection_id: id } });
        if (enabledClients.length) await tx.connectionClient.createMany({ data: enabledClients.map((client_id) => ({ connection_id: id, client_id })) });
      }
      const links = await tx.connectionClient.findMany({ where: { connection_id: id }, select: { client_id: true }, orderBy: { client_id: "asc" } });
      return presentConnection(row, links.map((l) => l.client_id));
    });
  } catch (error) {
    // A concurrent change of the same links, or an application deleted meanwhile.
    if (isUniqueViolation(error) || isForeignKeyViolation(error))
      throw conflict("The connection's applications changed while updating it; retry the request.", "conflict");
    throw error;
  }
}
