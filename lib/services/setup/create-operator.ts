// Operators are users of the system connection `gatehouse-operators` holding the system role
// "Gatehouse Operator" (the dashboard signs them in through Gatehouse's own OIDC endpoints).
import type { Db, DbOrTx } from "../../db/client.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import type { Actor } from "../actor.ts";
import { notFound } from "../errors.ts";
import { insertDatabaseUser, prepareDatabaseUser, type PreparedDatabaseUser } from "../users/create-database-user.ts";

export const OPERATORS_CONNECTION = "gatehouse-operators";
export const OPERATOR_ROLE = "Gatehouse Operator";

export async function findOperatorRoleId(db: DbOrTx): Promise<string | null> {
  const role = await db.role.findFirst({ where: { name: OPERATOR_ROLE, is_system: true }, select: { id: true } });
  return role?.id ?? null;
}

export async function findOperatorCount(db: DbOrTx): Promise<number> {
  const roleId = await findOperatorRoleId(db);
  return roleId ? db.userRole.count({ where: { role_id: roleId } }) : 0;
}

export async function prepareOperator(db: DbOrTx, input: { email: string; password: string }): Promise<PreparedDatabaseUser> {
  const connection = await db.connection.findUnique({ where: { name: OPERATORS_CONNECTION } });
  if (!connection) throw notFound("The operators' connection does not exist: the instance has not been bootstrapped.");
  return prepareDatabaseUser(connection, { email: input.email, password: input.password, email_verified: true });
}

export async function insertOperator(tx: DbOrTx, prepared: PreparedDatabaseUser) {
  const roleId = await findOperatorRoleId(tx);
  if (!roleId) throw notFound("The operator role does not exist: the instance has not been bootstrapped.");
  const user = await insertDatabaseUser(tx, prepared);
  await tx.userRole.create({ data: { user_id: user.user_id, role_id: roleId } });
  return user;
}

export async function createOperator(db: Db, input: { email: string; password: string }, actor: Actor) {
  const prepared = await prepareOperator(db, input);
  const user = await db.$transaction((tx) => insertOperator(tx, prepared));
  await writeLogEvent(db, {
    type: "sapi",
    description: "Create the first operator",
    user_id: user.user_id,
    user_name: user.email,
    connection: prepared.connection.name,
    connection_id: prepared.connection.id,
    details: { actor: actor.kind === "system" ? actor.reason : actor.kind },
  });
  return user;
}
