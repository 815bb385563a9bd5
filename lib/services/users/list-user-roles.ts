// GET /api/v2/users/{id}/roles (auth0-management-api.md §3.7): the user's roles as
// { id, name, description }, ordered by name then id in the service (the same order on both
// databases; see lib/services/roles/list-roles.ts). A user holds at most as many roles as the tenant
// has (MAX_ROLES_PER_TENANT), a bounded read.
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { binaryCompare } from "../roles/binary-compare.ts";
import { presentRole, ROLE_SELECT } from "../roles/present-role.ts";
import { getUserRowOrThrow } from "./get-user.ts";

export async function listUserRoles(
  db: DbOrTx,
  userId: string,
  window: { skip: number; take: number },
  _actor: Actor,
): Promise<{ roles: Record<string, unknown>[]; total: number }> {
  await getUserRowOrThrow(db, userId);
  const rows = await db.userRole.findMany({ where: { user_id: userId }, select: { role: { select: ROLE_SELECT } } });
  const roles = rows.map((row) => row.role);
  roles.sort((a, b) => binaryCompare(a.name, b.name) || binaryCompare(a.id, b.id));
  return { roles: roles.slice(window.skip, window.skip + window.take).map(presentRole), total: roles.length };
}
