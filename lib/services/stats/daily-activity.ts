// Sign-ups, logins and failed logins per UTC day, for the dashboard's home page.
//
// One grouped query over the log events of the window. It is served by the (type, date) index of
// log_events, which covers it (both columns are in the index): for each type of the IN list the
// database walks one index range from the window's start, never the table, so the cost is the
// number of matching events in the window, not the size of the log (bench/dashboard-stats.mjs).
// The day is the UTC date: SQLite stores Prisma dates as ISO 8601 text (so its first 10
// characters), PostgreSQL as timestamp(3) in UTC.
import type { DbOrTx } from "../../db/client.ts";
import { join, sql, type Sql } from "../../db/sql.ts";
import { env } from "../../env.ts";

export const SIGNUP_TYPES = ["ss"] as const;
export const LOGIN_TYPES = ["s"] as const;
/** Failed logins: wrong password, unknown user, and other failures (Auth0's `f`, `fp`, `fu`). */
export const FAILED_LOGIN_TYPES = ["f", "fp", "fu"] as const;

export type DailyActivity = { day: string; signups: number; logins: number; failed_logins: number };
export type ActivitySummary = { days: DailyActivity[]; totals: Omit<DailyActivity, "day"> };

const DAY_MS = 86_400_000;

function dayExpression(kind: "sqlite" | "postgres"): Sql {
  return kind === "postgres" ? sql`to_char("date", 'YYYY-MM-DD')` : sql`substr("date", 1, 10)`;
}

/** The last `days` UTC days, today included, oldest first, with zeros for quiet days. */
export async function getDailyActivity(db: DbOrTx, options: { days?: number; now?: Date } = {}): Promise<ActivitySummary> {
  const days = Math.min(Math.max(options.days ?? 30, 1), 366);
  const now = options.now ?? new Date();
  const todayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = new Date(todayStart - (days - 1) * DAY_MS);
  const types = [...SIGNUP_TYPES, ...LOGIN_TYPES, ...FAILED_LOGIN_TYPES];
  const day = dayExpression(env().databaseKind);
  const rows = await db.$queryRaw<{ day: string; type: string; n: bigint | number }[]>(
    sql`SELECT ${day} AS "day", "type", COUNT(*) AS "n" FROM "log_events" WHERE "type" IN (${join(types)}) AND "date" >= ${start} GROUP BY ${day}, "type"`,
  );
  const byDay = new Map<string, DailyActivity>();
  for (let i = 0; i < days; i += 1) {
    const key = new Date(start.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    byDay.set(key, { day: key, signups: 0, logins: 0, failed_logins: 0 });
  }
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (!entry) continue; // an event dated in the future
    const n = Number(row.n);
    if ((SIGNUP_TYPES as readonly string[]).includes(row.type)) entry.signups += n;
    else if ((LOGIN_TYPES as readonly string[]).includes(row.type)) entry.logins += n;
    else entry.failed_logins += n;
  }
  const list = [...byDay.values()];
  const totals = list.reduce((sum, d) => ({ signups: sum.signups + d.signups, logins: sum.logins + d.logins, failed_logins: sum.failed_logins + d.failed_logins }), { signups: 0, logins: 0, failed_logins: 0 });
  return { days: list, totals };
}
