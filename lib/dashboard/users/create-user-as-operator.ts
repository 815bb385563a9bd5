// Creating a user from the dashboard. Ordinary connections go through the same service as POST
// /api/v2/users (lib/services/users/create-user.ts). The operators' connection is refused by that
// service (operators are not made through the API) and is handled here, for operators only: the
// account is created like any database user and, when asked, granted the operator role in the same
// transaction. The caller (a dashboard action) writes the audit event.
import type { Db } from "../../db/client.ts";
import { sendVerificationEmail } from "../../email/send-verification-email.ts";
import type { UserCreateInput } from "../../schemas/users.ts";
import type { Actor } from "../../services/actor.ts";
import { invalid } from "../../services/errors.ts";
import { insertDatabaseUser, prepareDatabaseUser } from "../../services/users/create-database-user.ts";
import { createUser } from "../../services/users/create-user.ts";
import { getUserRowOrThrow } from "../../services/users/get-user.ts";
import { findOperatorRoleId, OPERATORS_CONNECTION } from "../../services/setup/create-operator.ts";

export async function createUserAsOperator(db: Db, input: UserCreateInput, options: { makeOperator: boolean }, actor: Actor & { kind: "operator" }): Promise<{ user_id: string }> {
  if (input.connection !== OPERATORS_CONNECTION) {
    if (options.makeOperator) throw invalid(`Only users of the ${OPERATORS_CONNECTION} connection can be operators.`);
    const user = await createUser(db, input, actor);
    return { user_id: String(user.user_id) };
  }
  const connection = await db.connection.findUnique({ where: { name: OPERATORS_CONNECTION }, select: { id: true, name: true, strategy: true, options: true } });
  if (!connection) throw invalid("The operators' connection does not exist.");
  const prepared = await prepareDatabaseUser(connection, {
    email: input.email,
    password: input.password!,
    email_verified: input.email_verified,
    name: input.name,
    user_metadata: input.user_metadata,
    app_metadata: input.app_metadata,
  });
  const roleId = options.makeOperator ? await findOperatorRoleId(db) : null;
  const row = await db.$transaction(async (tx) => {
    const user = await insertDatabaseUser(tx, prepared);
    if (roleId) await tx.userRole.create({ data: { user_id: user.user_id, role_id: roleId } });
    return getUserRowOrThrow(tx, user.user_id);
  });
  if (row.email && !row.email_verified && input.verify_email !== false) await sendVerificationEmail(db, row, { requestedBy: "management_api", force: false });
  return { user_id: row.user_id };
}
