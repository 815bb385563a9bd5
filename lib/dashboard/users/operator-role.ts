// Granting and revoking the "Gatehouse Operator" role, in the dashboard only (the Management API
// refuses it: lib/services/users/assert-user-manageable.ts). Only accounts of the operators'
// connection can hold it. An operator cannot revoke their own role, and the last operator's role
// cannot be revoked: either would lock everyone out of the dashboard.
import type { Db } from "../../db/client.ts";
import { invalid, notFound } from "../../services/errors.ts";
import { findOperatorCount, findOperatorRoleId, OPERATORS_CONNECTION } from "../../services/setup/create-operator.ts";

export async function holdsOperatorRole(db: Db, userId: string): Promise<boolean> {
  const roleId = await findOperatorRoleId(db);
  return roleId ? (await db.userRole.count({ where: { user_id: userId, role_id: roleId } })) > 0 : false;
}

export async function setOperatorRole(db: Db, userId: string, grant: boolean, actingOperatorId: string): Promise<void> {
  const roleId = await findOperatorRoleId(db);
  if (!roleId) throw notFound("The operator role does not exist: the instance has not been bootstrapped.");
  const user = await db.user.findUnique({ where: { user_id: userId }, select: { connection: { select: { name: true } } } });
  if (!user) throw notFound("The user does not exist.");
  if (grant) {
    if (user.connection.name !== OPERATORS_CONNECTION) throw invalid(`Only accounts of the ${OPERATORS_CONNECTION} connection can be operators.`);
    await db.userRole.upsert({ where: { user_id_role_id: { user_id: userId, role_id: roleId } }, create: { user_id: userId, role_id: roleId }, update: {} });
    return;
  }
  if (userId === actingOperatorId) throw invalid("You cannot revoke your own operator role: ask another operator.");
  if ((await findOperatorCount(db)) <= 1) throw invalid("This is the last operator: grant the role to another account first.");
  await db.userRole.deleteMany({ where: { user_id: userId, role_id: roleId } });
}
