// Removes permissions from a role. Removing one the role does not hold (including one of an API
// that does not exist, which no role can hold) changes nothing and is not an error.
import type { Db } from "../../db/client.ts";
import type { PermissionReference, RolePermissionsInput } from "../../schemas/roles.ts";
import type { Actor } from "../actor.ts";
import { dedupePermissions } from "./dedupe-permissions.ts";
import { getRoleRowOrThrow } from "./get-role.ts";

/** One `{ api, permission_name IN (...) }` condition per API keeps the statement small. */
function byApi(permissions: readonly PermissionReference[]) {
  const names = new Map<string, string[]>();
  for (const p of permissions) {
    const list = names.get(p.resource_server_identifier);
    if (list) list.push(p.permission_name);
    else names.set(p.resource_server_identifier, [p.permission_name]);
  }
  return [...names].map(([identifier, permissionNames]) => ({ resource_server_identifier: identifier, permission_name: { in: permissionNames } }));
}

export async function removeRolePermissions(db: Db, roleId: string, input: RolePermissionsInput, _actor: Actor): Promise<void> {
  await getRoleRowOrThrow(db, roleId);
  await db.rolePermission.deleteMany({ where: { role_id: roleId, OR: byApi(dedupePermissions(input.permissions)) } });
}
