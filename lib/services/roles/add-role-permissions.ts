// Adds permissions to a role. Each must be a scope defined by an existing API (400 naming the
// first bad entry; nothing is added then). Adding a permission the role already has is not an
// error and adds nothing, so the call is idempotent. A role holds at most
// MAX_PERMISSIONS_PER_ROLE permissions (Auth0's limit).
import type { Db } from "../../db/client.ts";
import { isForeignKeyViolation, isUniqueViolation } from "../../db/errors.ts";
import { MAX_PERMISSIONS_PER_ROLE, type RolePermissionsInput } from "../../schemas/roles.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { assertPermissionsDefined } from "./assert-permissions-defined.ts";
import { dedupePermissions, permissionKey } from "./dedupe-permissions.ts";
import { getRoleRowOrThrow } from "./get-role.ts";

const ATTEMPTS = 3;

export async function addRolePermissions(db: Db, roleId: string, input: RolePermissionsInput, _actor: Actor): Promise<void> {
  const wanted = dedupePermissions(input.permissions);
  for (let attempt = 1; ; attempt++) {
    await getRoleRowOrThrow(db, roleId);
    try {
      await db.$transaction(async (tx) => {
        await assertPermissionsDefined(tx, wanted);
        const existing = await tx.rolePermission.findMany({
          where: { role_id: roleId },
          select: { resource_server_identifier: true, permission_name: true },
        });
        const held = new Set(existing.map(permissionKey));
        const missing = wanted.filter((p) => !held.has(permissionKey(p)));
        if (missing.length === 0) return;
        if (existing.length + missing.length > MAX_PERMISSIONS_PER_ROLE)
          throw invalid(`No more permissions can be assigned to this role (the maximum is ${MAX_PERMISSIONS_PER_ROLE}).`, "too_many_entities");
        await tx.rolePermission.createMany({ data: missing.map((p) => ({ role_id: roleId, ...p })) });
      });
      return;
    } catch (error) {
      // A concurrent call added some of the same permissions (unique violation) or deleted the role
      // (foreign key): start again, which then answers 404 or finds nothing left to add.
      if (attempt < ATTEMPTS && (isUniqueViolation(error) || isForeignKeyViolation(error))) continue;
      throw error;
    }
  }
}
