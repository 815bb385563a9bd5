// DELETE /api/v2/users/{id}/roles (auth0-management-api.md §3.7): removes roles from a user.
// Removing a role the user does not hold (or that does not exist) changes nothing. The operator
// role and operator accounts are refused (assert-user-manageable.ts).
import type { Db } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { assertNotOperatorAccount, assertRolesAssignable, getUserConnection } from "./assert-user-manageable.ts";
import { getUserRowOrThrow } from "./get-user.ts";

export async function removeUserRoles(db: Db, userId: string, roleIds: string[], _actor: Actor): Promise<void> {
  const wanted = [...new Set(roleIds)];
  const user = await getUserRowOrThrow(db, userId);
  assertNotOperatorAccount(await getUserConnection(db, user.connection_id));
  await assertRolesAssignable(db, wanted);
  await db.userRole.deleteMany({ where: { user_id: userId, role_id: { in: wanted } } });
}
