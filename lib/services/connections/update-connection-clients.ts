// PATCH /connections/{id}/clients: enables (`status: true`) or disables (`status: false`) the
// connection for up to 50 applications; others are left as they are. Idempotent: enabling an
// enabled application or disabling a disabled one changes nothing. A client_id listed twice is
// ambiguous and refused; unknown client_ids are refused (400) before anything changes.
import type { Db } from "../../db/client.ts";
import { isForeignKeyViolation, isUniqueViolation } from "../../db/errors.ts";
import type { ConnectionClientsUpdateInput } from "../../schemas/connections.ts";
import type { Actor } from "../actor.ts";
import { conflict, invalid } from "../errors.ts";
import { assertClientsExist } from "./assert-clients-exist.ts";
import { assertSystemConnectionRules } from "./assert-system-connection-rules.ts";
import { getConnectionRowOrThrow } from "./get-connection.ts";

export async function updateConnectionClients(db: Db, connectionId: string, changes: ConnectionClientsUpdateInput, _actor: Actor): Promise<void> {
  const seen = new Set<string>();
  for (const change of changes) {
    if (seen.has(change.client_id)) throw invalid(`The client ${change.client_id} is listed more than once.`, "invalid_body");
    seen.add(change.client_id);
  }
  const enable = changes.filter((c) => c.status).map((c) => c.client_id);
  const disable = changes.filter((c) => !c.status).map((c) => c.client_id);
  try {
    await db.$transaction(async (tx) => {
      const row = await getConnectionRowOrThrow(tx, connectionId);
      await assertSystemConnectionRules(tx, row, { enableClients: enable, disableClients: disable });
      await assertClientsExist(tx, [...seen]);
      if (disable.length) await tx.connectionClient.deleteMany({ where: { connection_id: connectionId, client_id: { in: disable } } });
      if (enable.length) {
        const present = await tx.connectionClient.findMany({ where: { connection_id: connectionId, client_id: { in: enable } }, select: { client_id: true } });
        const already = new Set(present.map((p) => p.client_id));
        const missing = enable.filter((id) => !already.has(id));
        if (missing.length) await tx.connectionClient.createMany({ data: missing.map((client_id) => ({ connection_id: connectionId, client_id })) });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error) || isForeignKeyViolation(error))
      throw conflict("The connection's applications changed while updating them; retry the request.", "conflict");
    throw error;
  }
}
