// POST /api/v2/roles/{id}/users (auth0-management-api.md §3.14): assigns a role to users. Every
// user must exist (400 naming the first that does not, nothing assigned then: the ids are in the
// body, the path's role is what a 404 would be about); users holding the role already are skipped.
// Gatehouse's operator role cannot be granted this way, nor can operator accounts be changed
// (assert-user-manageable.ts).
import type { Db } from "../../db/client.ts";
import { isForeignKeyViolation, isUniqueViolation } from "../../db/errors.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { getRoleRowOrThrow } from "../roles/get-role.ts";
import { assertRolesAssignable, operatorAccountRefused } from "./assert-user-manageable.ts";

const ATTEMPTS = 3;

export async function assignRoleUsers(db: Db, roleId: string, userIds: string[], _actor: Actor): Promise<void> {
  const wanted = [...new Set(userIds)];
  await assertRolesAssignable(db, [roleId]);
  for (let attempt = 1; ; attempt++) {
    await getRoleRowOrThrow(db, roleId);
    try {
      await db.$transaction(async (tx) => {
        const users = await tx.user.findMany({ where: { user_id: { in: wanted } }, select: { user_id: true, connection: { select: { is_system: true } } } });
        const found = new Map(users.map((u) => [u.user_id, u]));
        const missing = wanted.find((id) => !found.has(id));
        if (missing !== undefined) throw invalid(`Payload validation error: 'The user ${missing} does not exist' on property users.`, "invalid_body");
        if (users.some((u) => u.connection.is_system)) throw operatorAccountRefused();
        const held = new Set(
          (await tx.userRole.findMany({ where: { role_id: roleId, user_id: { in: wanted } }, select: { user_id: true } })).map((r) => r.user_id),
        );
        const added = wanted.filter((id) => !held.has(id));
        if (added.length) await tx.userRole.createMany({ data: added.map((user_id) => ({ user_id, role_id: roleId })) });
      });
      return;
    } catch (error) {
      // The role or a user deleted meanwhile (foreign key), or a concurrent identical call: look again.
      if (attempt < ATTEMPTS && (isUniqueViolation(error) || isForeignKeyViolation(error))) continue;
      throw error;
    }
  }
}
