// Who attack protection's admin notifications go to: the operators (users of the operators'
// connection) with an email address who are not blocked. At most 50: a tenant with more operators
// than that wants a mailing list as an operator.
import type { DbOrTx } from "../db/client.ts";
import { OPERATORS_CONNECTION } from "../services/setup/create-operator.ts";

export async function findOperatorRecipients(db: DbOrTx): Promise<{ user_id: string; email: string }[]> {
  const operators = await db.user.findMany({
    where: { connection: { name: OPERATORS_CONNECTION }, email: { not: null }, blocked: false },
    select: { user_id: true, email: true },
    orderBy: { user_id: "asc" },
    take: 50,
  });
  return operators.map((operator) => ({ user_id: operator.user_id, email: operator.email! }));
}
