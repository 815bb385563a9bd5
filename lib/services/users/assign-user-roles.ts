// POST /api/v2/users/{id}/roles (auth0-management-api.md §3.7): assigns roles to a user. Every
// role must exist (400 naming the first that does not; nothing is assigned then); roles the user
// already holds are skipped, so the call is idempotent. The operator role and operator accounts are
// refused (assert-user-manageable.ts).
import type { Db } from "../../db/client.ts";
import { isForeignKeyViolation, isUniqueViolation } from "../../db/errors.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { assertNotOperatorAccount, assertRolesAssignable, getUserConnection } from "./assert-user-manageable.ts";
import { getUserRowOrThrow, userNotFound } from "./get-user.ts";
import { lockUser, USER_TRANSACTION_OPTIONS } from "./lock-user.ts";

const ATTEMPTS = 3;

export async function assignUserRoles(db: Db, userId: string, roleIds: string[], _actor: Actor): Promise<void> {
  const wanted = [...new Set(roleIds)];
  const user = await getUserRowOrThrow(db, userId);
  assertNotOperatorAccount(await getUserConnection(db, user.connection_id));
  await assertRolesAssignable(db, wanted);
  for (let attempt = 1; ; attempt++) {
    try {
      await db.$transaction(async (tx) => {
        if (!(await lockUser(tx, userId))) throw userNotFound();
        const found = new Set((await tx.role.findMany({ where: { id: { in: wanted } }, select: { id: true } })).map((r) => r.id));
        const missing = wanted.find((id) => !found.has(id));
        if (missing !== undefined) throw invalid(`Payload validation error: 'The role ${missing} does not exist' on property roles.`, "invalid_body");
        const held = new Set(
          (await tx.userRole.findMany({ where: { user_id: userId, role_id: { in: wanted } }, select: { role_id: true } })).map((r) => r.role_id),
        );
        const added = wanted.filter((id) => !held.has(id));
        if (added.length) await tx.userRole.createMany({ data: added.map((role_id) => ({ user_id: userId, role_id })) });
      }, USER_TRANSACTION_OPTIONS);
      return;
    } catch (error) {
      // A role deleted meanwhile (foreign key) or assigned by a concurrent call: look again.
      if (attempt < ATTEMPTS && (isUniqueViolation(error) || isForeignKeyViolation(error))) continue;
      throw error;
    }
  }
}
