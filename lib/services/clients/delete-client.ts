// Deletes an application with its grants and connection links (foreign keys cascade).
// Gatehouse's own applications (the dashboard) cannot be deleted.
import type { Db } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { getClientRowOrThrow } from "./get-client.ts";

export async function deleteClient(db: Db, clientId: string, _actor: Actor): Promise<void> {
  const row = await getClientRowOrThrow(db, clientId);
  if (row.is_system) throw invalid("This application is managed by Gatehouse and cannot be deleted.", "operation_not_supported");
  await db.client.delete({ where: { client_id: clientId } });
}
