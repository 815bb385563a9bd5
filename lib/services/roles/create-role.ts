// Creates a role (no permissions: they are added with addRolePermissions). Names are unique
// (exact, case-sensitive match, the same on both databases: a unique index). A tenant holds at
// most MAX_ROLES_PER_TENANT roles, Auth0's entity limit; the limit is checked before the insert,
// so two simultaneous creates at the limit may both pass (the bound stays within a few).
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { newRoleId } from "../../crypto/ids.ts";
import { MAX_ROLES_PER_TENANT, type RoleCreateInput } from "../../schemas/roles.ts";
import type { Actor } from "../actor.ts";
import { conflict, invalid } from "../errors.ts";
import { presentRole, ROLE_SELECT } from "./present-role.ts";

export const roleNameTaken = (name: string) => conflict(`A role with the name "${name}" already exists.`, "role_exists");

export async function createRole(db: Db, input: RoleCreateInput, _actor: Actor): Promise<Record<string, unknown>> {
  if ((await db.role.count()) >= MAX_ROLES_PER_TENANT)
    throw invalid(`The tenant already has the maximum number of roles (${MAX_ROLES_PER_TENANT}).`, "too_many_entities");
  try {
    const row = await db.role.create({
      data: { id: newRoleId(), name: input.name, description: input.description ?? null },
      select: ROLE_SELECT,
    });
    return presentRole(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw roleNameTaken(input.name);
    throw error;
  }
}
