// Deletes a role. Its user assignments and permissions go with it (foreign keys cascade), as
// Auth0 documents ("it is removed from any user who was previously assigned that role").
// Gatehouse's own role cannot be deleted: it is what lets operators sign in to the dashboard.
import type { Db } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { getRoleRowOrThrow, roleNotFound } from "./get-role.ts";

export async function deleteRole(db: Db, roleId: string, _actor: Actor): Promise<void> {
  const row = await getRoleRowOrThrow(db, roleId);
  if (row.is_system) throw invalid(`The role "${row.name}" is managed by Gatehouse and cannot be deleted.`, "operation_not_supported");
  // deleteMany: a concurrent delete leaves nothing to delete, which is a 404, not a 500.
  const { count } = await db.role.deleteMany({ where: { id: roleId, is_system: false } });
  if (count === 0) throw roleNotFound();
}
