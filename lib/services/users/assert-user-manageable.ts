// Gatehouse's operators are users of the system connection `gatehouse-operators` holding the system
// role "Gatehouse Operator", and an operator can do everything. If the Management API could change
// them, a token meant for managing application users (update:users, create:user_tickets,
// create:role_members) could take over an operator account or make one — and with it the whole
// tenant. So through the API, operator accounts can be read but not changed, users cannot be
// created in the system connection, and the operator role cannot be granted or revoked: operators
// are managed in the dashboard, by operators.
import type { DbOrTx } from "../../db/client.ts";
import { invalid } from "../errors.ts";

export type UserConnection = { id: string; name: string; strategy: string; options: unknown; is_system: boolean };

export const operatorAccountRefused = () =>
  invalid("This user is a Gatehouse operator: operators are managed in the Gatehouse dashboard, not through the Management API.", "operation_not_supported");

export async function getUserConnection(db: DbOrTx, connectionId: string): Promise<UserConnection> {
  return db.connection.findUniqueOrThrow({
    where: { id: connectionId },
    select: { id: true, name: true, strategy: true, options: true, is_system: true },
  });
}

export function assertNotOperatorAccount(connection: { is_system: boolean }): void {
  if (connection.is_system) throw operatorAccountRefused();
}

/** Refuses when any of the roles is a Gatehouse system role. */
export async function assertRolesAssignable(db: DbOrTx, roleIds: string[]): Promise<void> {
  const system = await db.role.findFirst({ where: { id: { in: roleIds }, is_system: true }, select: { name: true } });
  if (system)
    throw invalid(`The role "${system.name}" is managed by Gatehouse: it is granted and revoked in the Gatehouse dashboard.`, "operation_not_supported");
}
