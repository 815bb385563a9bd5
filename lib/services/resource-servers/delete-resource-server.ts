// Deletes an API. Its client grants and the role and user permissions on it go with it (foreign
// keys cascade), so a deleted API's tokens can no longer be obtained. The Management API cannot be
// deleted: Auth0 answers 400 for its system APIs, and Gatehouse's own dashboard depends on it.
import type { Db } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { getResourceServerRowOrThrow, resourceServerNotFound } from "./get-resource-server.ts";

export async function deleteResourceServer(db: Db, idOrIdentifier: string, _actor: Actor): Promise<void> {
  const row = await getResourceServerRowOrThrow(db, idOrIdentifier);
  if (row.is_system) throw invalid("The Management API is a system API and cannot be deleted.", "operation_not_supported");
  const { count } = await db.resourceServer.deleteMany({ where: { id: row.id, is_system: false } });
  if (count === 0) throw resourceServerNotFound();
}
