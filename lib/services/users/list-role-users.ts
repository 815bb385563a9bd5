// GET /api/v2/roles/{id}/users (auth0-management-api.md §3.14): the users holding a role, as
// { user_id, picture, name, email } (absent attributes left out), ordered by user_id. Both paging
// modes page on that order: offset (`skip`) or checkpoint (`after` = the last user_id seen; the
// same database compares and sorts, so pages never overlap or skip).
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { getRoleRowOrThrow } from "../roles/get-role.ts";

export type RoleUserItem = { user_id: string; picture?: string; name?: string; email?: string };

export async function listRoleUsers(
  db: DbOrTx,
  roleId: string,
  page: { skip?: number; after?: string; take: number; withTotal: boolean },
  _actor: Actor,
): Promise<{ rows: { user_id: string }[]; users: RoleUserItem[]; total?: number }> {
  await getRoleRowOrThrow(db, roleId);
  const rows = await db.userRole.findMany({
    where: { role_id: roleId, ...(page.after !== undefined ? { user_id: { gt: page.after } } : {}) },
    orderBy: { user_id: "asc" },
    skip: page.skip,
    take: page.take,
    select: { user_id: true },
  });
  const profiles = rows.length
    ? await db.user.findMany({ where: { user_id: { in: rows.map((r) => r.user_id) } }, select: { user_id: true, picture: true, name: true, email: true } })
    : [];
  const byId = new Map(profiles.map((p) => [p.user_id, p]));
  const users = rows.map(({ user_id }): RoleUserItem => {
    const p = byId.get(user_id);
    return { user_id, ...(p?.picture ? { picture: p.picture } : {}), ...(p?.name ? { name: p.name } : {}), ...(p?.email ? { email: p.email } : {}) };
  });
  const total = page.withTotal ? await db.userRole.count({ where: { role_id: roleId } }) : undefined;
  return { rows, users, total };
}
