// Updates a role's name and/or description (PATCH: properties left out are kept). Gatehouse's
// own role keeps its name: bootstrap and the dashboard's sign-in find it by name.
import type { Db } from "../../db/client.ts";
import { isRecordNotFound, isUniqueViolation } from "../../db/errors.ts";
import type { RoleUpdateInput } from "../../schemas/roles.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { roleNameTaken } from "./create-role.ts";
import { getRoleRowOrThrow, roleNotFound } from "./get-role.ts";
import { presentRole, ROLE_SELECT } from "./present-role.ts";

export async function updateRole(db: Db, roleId: string, input: RoleUpdateInput, _actor: Actor): Promise<Record<string, unknown>> {
  const existing = await getRoleRowOrThrow(db, roleId);
  if (existing.is_system && input.name !== undefined && input.name !== existing.name)
    throw invalid(`The role "${existing.name}" is managed by Gatehouse and cannot be renamed.`, "operation_not_supported");
  const data: { name?: string; description?: string | null } = {};
  if (input.name !== undefined) data.name = input.name;
  if (input.description !== undefined) data.description = input.description;
  if (Object.keys(data).length === 0) return presentRole(existing);
  try {
    return presentRole(await db.role.update({ where: { id: roleId }, data, select: ROLE_SELECT }));
  } catch (error) {
    if (isUniqueViolation(error)) throw roleNameTaken(input.name ?? existing.name);
    if (isRecordNotFound(error)) throw roleNotFound();
    throw error;
  }
}
