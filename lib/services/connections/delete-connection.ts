// Deletes a connection and, as Auth0 does, every user of it: in one transaction, so a failure
// leaves everything in place. Removed with the users: their identities (also identities of this
// connection linked into users of other connections), passwords, password history, roles,
// permissions and pending tickets. Log events stay (they are the audit trail).
//
// A synchronous delete is bounded: above `maxUsers` (10,000) the caller gets a 409 until bulk
// user deletion arrives with the jobs feature, rather than one transaction holding locks on tens
// of thousands of rows. The operators' connection cannot be deleted.
import type { Db, DbOrTx } from "../../db/client.ts";
import { isForeignKeyViolation, isRecordNotFound } from "../../db/errors.ts";
import type { Actor } from "../actor.ts";
import { conflict, invalid, notFound } from "../errors.ts";
import { getConnectionRowOrThrow } from "./get-connection.ts";

export const MAX_USERS_DELETED_WITH_CONNECTION = 10_000;

/** Bind-parameter lists stay well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

async function deleteUserSideRecords(tx: DbOrTx, userIds: string[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += CHUNK) {
    const chunk = userIds.slice(i, i + CHUNK);
    // No foreign keys on these two tables (history outlives nothing; tickets are generic).
    await tx.passwordHistory.deleteMany({ where: { user_id: { in: chunk } } });
    await tx.ticket.deleteMany({ where: { user_id: { in: chunk } } });
  }
}

export async function deleteConnection(
  db: Db,
  id: string,
  _actor: Actor,
  options: { maxUsers?: number } = {},
): Promise<{ deletedUsers: number }> {
  const maxUsers = options.maxUsers ?? MAX_USERS_DELETED_WITH_CONNECTION;
  try {
    return await db.$transaction(
      async (tx) => {
        const row = await getConnectionRowOrThrow(tx, id);
        if (row.is_system) throw invalid(`The ${row.name} connection is managed by Gatehouse and cannot be deleted.`, "operation_not_supported");
        const userCount = await tx.user.count({ where: { connection_id: id } });
        if (userCount > maxUsers)
          throw conflict(
            `The connection has ${userCount} users; deleting a connection deletes its users, and more than ${maxUsers} at once ` +
              "needs bulk user deletion, which comes with the jobs feature. Delete or move users first.",
            "too_many_users",
          );
        const users = await tx.user.findMany({ where: { connection_id: id }, select: { user_id: true } });
        await deleteUserSideRecords(tx, users.map((u) => u.user_id));
        // Identities of this connection, including ones linked into users of other connections
        // (their foreign key to the connection restricts deletion); then the users, whose
        // passwords, remaining identities, roles and permissions cascade.
        await tx.userIdentity.deleteMany({ where: { connection_id: id } });
        await tx.user.deleteMany({ where: { connection_id: id } });
        await tx.connection.delete({ where: { id } });
        return { deletedUsers: users.length };
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  } catch (error) {
    // A user was added to the connection while it was being deleted (PostgreSQL, read committed).
    if (isForeignKeyViolation(error)) throw conflict("Users were added to the connection while deleting it; retry the request.", "conflict");
    // Deleted by a concurrent request.
    if (isRecordNotFound(error)) throw notFound("The connection does not exist", "inexistent_connection");
    throw error;
  }
}
