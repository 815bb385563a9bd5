import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { notFound } from "../errors.ts";
import { presentRole, ROLE_SELECT, type RoleRow } from "./present-role.ts";

/** Auth0's 404 for roles (OAS: "Role not found."). */
export const roleNotFound = () => notFound("Role not found.", "inexistent_role");

export async function getRoleRowOrThrow(db: DbOrTx, roleId: string): Promise<RoleRow> {
  const row = await db.role.findUnique({ where: { id: roleId }, select: ROLE_SELECT });
  if (!row) throw roleNotFound();
  return row;
}

export async function getRole(db: DbOrTx, roleId: string, _actor: Actor): Promise<Record<string, unknown>> {
  return presentRole(await getRoleRowOrThrow(db, roleId));
}
