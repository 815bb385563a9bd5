// Serializes writes to one user: read-merge-write of metadata (50 concurrent PATCHes of different
// user_metadata keys must all survive), linking, deleting. On PostgreSQL the user's row is locked
// (SELECT ... FOR UPDATE) until the transaction ends, and every read after the lock sees the latest
// committed data (read committed). SQLite runs one transaction at a time (lib/db/sqlite-adapter.ts),
// so a plain read is enough there. Returns false when the user does not exist.
import type { DbOrTx } from "../../db/client.ts";
import { sql } from "../../db/sql.ts";
import { env } from "../../env.ts";

export async function lockUser(tx: DbOrTx, userId: string): Promise<boolean> {
  const rows =
    env().databaseKind === "postgres"
      ? await tx.$queryRaw<{ user_id: string }[]>(sql`SELECT "user_id" FROM "users" WHERE "user_id" = ${userId} FOR UPDATE`)
      : await tx.$queryRaw<{ user_id: string }[]>(sql`SELECT "user_id" FROM "users" WHERE "user_id" = ${userId}`);
  return rows.length > 0;
}

/** Locks several users in a fixed order (so two transactions locking the same pair cannot deadlock). */
export async function lockUsers(tx: DbOrTx, userIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const id of [...new Set(userIds)].sort()) if (await lockUser(tx, id)) found.add(id);
  return found;
}

/** Interactive transactions that lock a user may queue behind others: wait longer than Prisma's 2 s default. */
export const USER_TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 20_000 } as const;
