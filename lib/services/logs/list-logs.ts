// Searches log events (GET /api/v2/logs in search mode, auth0-management-api.md §9.3): the query
// language of lib/search, newest first by default, offset paging.
//
// Auth0 stops search results at the first 1000; Gatehouse does not (on purpose: operators own
// their data), so `total` is the true count. Counting is skipped when the page itself proves the
// total (a short, non-empty page, or an empty first page), so only full pages pay for COUNT(*).
//
// The query runs as raw SQL with bound parameters (see compile-log-query.ts for why): one query for
// the page's log_ids, ordered and windowed by the database with its indexes, then the rows through
// Prisma, so typing and date/JSON decoding stay Prisma's.
import type { DbOrTx } from "../../db/client.ts";
import { raw, sql, type Sql } from "../../db/sql.ts";
import { env } from "../../env.ts";
import { compileLogQuery, type SqlDialect } from "../../search/compile-log-query.ts";
import { parseQuery } from "../../search/parse-query.ts";
import { QuerySyntaxError } from "../../search/query-syntax-error.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { presentLog } from "./present-log.ts";

export type ListLogsInput = {
  /** A log search query (§9.3); absent or blank lists every event. */
  q?: string;
  /** Only this user's events (GET /api/v2/users/{id}/logs, §3.9), served by the (user_id, date) index. */
  userId?: string;
  /** By date; log_id breaks ties so paging is stable. Default "desc" (newest first), as Auth0's `date:-1`. */
  order?: "asc" | "desc";
  skip: number;
  take: number;
  withTotal?: boolean;
};

export type ListLogsResult = { logs: Record<string, unknown>[]; total?: number };

/**
 * Every actor that reaches this may read every event (read:logs or read:logs_users for API
 * callers; operators): events are tenant-wide and carry no per-actor visibility.
 */
export async function listLogs(db: DbOrTx, input: ListLogsInput, _actor: Actor): Promise<ListLogsResult> {
  const search = logSearchPredicate(input.q, env().databaseKind);
  const where = input.userId === undefined ? search : sql`("user_id" = ${input.userId} AND ${search})`;
  const direction = raw(input.order === "asc" ? "ASC" : "DESC");
  const page = await db.$queryRaw<{ log_id: string }[]>(
    sql`SELECT "log_id" FROM "log_events" WHERE ${where} ORDER BY "date" ${direction}, "log_id" ${direction} LIMIT ${input.take} OFFSET ${input.skip}`,
  );
  const ids = page.map((row) => row.log_id);
  const rows = ids.length ? await db.logEvent.findMany({ where: { log_id: { in: ids } } }) : [];
  const byId = new Map(rows.map((row) => [row.log_id, row]));
  // An event deleted between the two queries (retention clean-up) is simply left out.
  const logs = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [presentLog(row)] : [];
  });

  let total: number | undefined;
  if (input.withTotal) {
    const pageProvesTotal = ids.length < input.take && (ids.length > 0 || input.skip === 0);
    total = pageProvesTotal ? input.skip + ids.length : await countLogs(db, where);
  }
  return { logs, total };
}

async function countLogs(db: DbOrTx, where: Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint | number }[]>(sql`SELECT COUNT(*) AS "n" FROM "log_events" WHERE ${where}`);
  // Both drivers return COUNT(*) as a BigInt; any realistic count fits a double exactly.
  return Number(row?.n ?? 0);
}

/** Parses and compiles `q`; a query the language cannot accept is 400 invalid_query_string. */
function logSearchPredicate(q: string | undefined, dialect: SqlDialect): Sql {
  if (q === undefined || q.trim() === "") return sql`(1=1)`;
  try {
    return compileLogQuery(parseQuery(q), dialect);
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw invalid(error.message, "invalid_query_string");
    throw error;
  }
}
