// The users of a bulk job's snapshot (users-bulk-params.ts): the search's WHERE clause
// (search-users.ts userSearch, the same as GET /users and the dashboard list) AND created_at at or
// before the confirmation, walked by keyset on user_id.
import type { DbOrTx } from "../../db/client.ts";
import { databaseOf } from "../../db/client.ts";
import { join, sql, type Sql } from "../../db/sql.ts";
import { env } from "../../env.ts";
import { userSearch } from "../../services/users/search-users.ts";

export type BulkSnapshot = { q?: string; connection?: string; created_before: string | Date };

function snapshotWhere(db: DbOrTx, snapshot: BulkSnapshot): Sql {
  const dialect = databaseOf(db)?.kind ?? env().databaseKind;
  const { where } = userSearch(snapshot.q, snapshot.connection, dialect);
  return sql`${where} AND "users"."created_at" <= ${new Date(snapshot.created_before)}`;
}

/** How many users the snapshot holds (the count the operator confirms). */
export async function countBulkSnapshot(db: DbOrTx, snapshot: BulkSnapshot): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint | number }[]>(sql`SELECT COUNT(*) AS "n" FROM "users" WHERE ${snapshotWhere(db, snapshot)}`);
  return Number(row?.n ?? 0);
}

/** The next `limit` user_ids of the snapshot after `after` (from the start without it), ascending. */
export async function nextBulkUserIds(db: DbOrTx, snapshot: BulkSnapshot, after: string | undefined, limit: number): Promise<string[]> {
  const keyset = after === undefined ? sql`` : sql` AND "users"."user_id" > ${after}`;
  const rows = await db.$queryRaw<{ user_id: string }[]>(
    sql`SELECT "users"."user_id" AS "user_id" FROM "users" WHERE ${snapshotWhere(db, snapshot)}${keyset} ORDER BY "users"."user_id" ASC LIMIT ${limit}`,
  );
  return rows.map((row) => row.user_id);
}

/** Which of `userIds` are in the snapshot (an export of a search result filters its pages with it). */
export async function snapshotMembers(db: DbOrTx, snapshot: BulkSnapshot, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.$queryRaw<{ user_id: string }[]>(
    sql`SELECT "users"."user_id" AS "user_id" FROM "users" WHERE ${snapshotWhere(db, snapshot)} AND "users"."user_id" IN (${join(userIds)})`,
  );
  return new Set(rows.map((row) => row.user_id));
}
