// POST /api/v2/users/{id}/permissions (auth0-management-api.md §3.8): grants permissions to a user
// directly. Each must be a scope its API defines (assert-permissions-defined.ts, the rule roles
// follow; 400 naming the first bad entry, nothing granted then). Held ones are skipped (idempotent).
// A user holds at most MAX_PERMISSIONS_PER_USER direct permissions: beyond, Auth0's 400 "No more
// permissions can be assigned to this user."
import type { Db } from "../../db/client.ts";
import { isForeignKeyViolation, isUniqueViolation } from "../../db/errors.ts";
import { MAX_PERMISSIONS_PER_USER, type UserPermissionsInput } from "../../schemas/users.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { assertPermissionsDefined } from "../roles/assert-permissions-defined.ts";
import { dedupePermissions, permissionKey } from "../roles/dedupe-permissions.ts";
import { assertNotOperatorAccount, getUserConnection } from "./assert-user-manageable.ts";
import { getUserRowOrThrow, userNotFound } from "./get-user.ts";
import { lockUser, USER_TRANSACTION_OPTIONS } from "./lock-user.ts";

const ATTEMPTS = 3;

export async function assignUserPermissions(db: Db, userId: string, input: UserPermissionsInput, _actor: Actor): Promise<void> {
  const wanted = dedupePermissions(input.permissions);
  const user = await getUserRowOrThrow(db, userId);
  assertNotOperatorAccount(await getUserConnection(db, user.connection_id));
  for (let attempt = 1; ; attempt++) {
    try {
      await db.$transaction(async (tx) => {
        if (!(await lockUser(tx, userId))) throw userNotFound();
        await assertPermissionsDefined(tx, wanted);
        const existing = await tx.userPermission.findMany({
          where: { user_id: userId },
          select: { resource_server_identifier: true, permission_name: true },
        });
        const held = new Set(existing.map(permissionKey));
        const missing = wanted.filter((p) => !held.has(permissionKey(p)));
        if (missing.length === 0) return;
        if (existing.length + missing.length > MAX_PERMISSIONS_PER_USER)
          throw invalid(`No more permissions can be assigned to this user (the maximum is ${MAX_PERMISSIONS_PER_USER}).`, "too_many_entities");
        await tx.userPermission.createMany({ data: missing.map((p) => ({ user_id: userId, ...p })) });
      }, USER_TRANSACTION_OPTIONS);
      return;
    } catch (error) {
      if (attempt < ATTEMPTS && (isUniqueViolation(error) || isForeignKeyViolation(error))) continue;
      throw error;
    }
  }
}
