// DELETE /api/v2/users/{id}/permissions (auth0-management-api.md §3.8): removes direct grants.
// Removing one the user does not hold directly changes nothing (permissions held through a role
// stay: they go with the role).
import type { Db } from "../../db/client.ts";
import type { UserPermissionsInput } from "../../schemas/users.ts";
import type { Actor } from "../actor.ts";
import { dedupePermissions } from "../roles/dedupe-permissions.ts";
import { assertNotOperatorAccount, getUserConnection } from "./assert-user-manageable.ts";
import { getUserRowOrThrow } from "./get-user.ts";

export async function removeUserPermissions(db: Db, userId: string, input: UserPermissionsInput, _actor: Actor): Promise<void> {
  const user = await getUserRowOrThrow(db, userId);
  assertNotOperatorAccount(await getUserConnection(db, user.connection_id));
  const byApi = new Map<string, string[]>();
  for (const p of dedupePermissions(input.permissions)) byApi.set(p.resource_server_identifier, [...(byApi.get(p.resource_server_identifier) ?? []), p.permission_name]);
  await db.userPermission.deleteMany({
    where: { user_id: userId, OR: [...byApi].map(([identifier, names]) => ({ resource_server_identifier: identifier, permission_name: { in: names } })) },
  });
}
