// Rate-limit counters in the database (RateCounter: key, count, reset_at), each operation ONE
// statement, so concurrent requests on any number of instances never lose an update:
//   INSERT ... ON CONFLICT (key) DO UPDATE ... RETURNING
// PostgreSQL takes the row lock for the update; SQLite has a single writer. The token bucket's
// conditional update (`DO UPDATE ... WHERE`) returns no row when no token is left.
//
// Representation: reset_at is a timestamp on PostgreSQL and epoch milliseconds (an integer) on
// SQLite, where it is only ever read and written through this module's SQL (integers compare and
// add without date functions). For buckets, reset_at holds the GCRA time and count the spent tokens.
// Expired rows are deleted now and then by the writer that notices (at most once a minute).
import type { Db } from "../db/client.ts";
import { databaseOf } from "../db/client.ts";
import { directExecute, directQuery, type DirectValue } from "../db/direct-sql.ts";
import { sql, type Sql } from "../db/sql.ts";
import { env } from "../env.ts";
import { logger } from "../logs/logger.ts";
import type { Bucket, BucketResult, CounterResult, RateLimitStore } from "./rate-limit.ts";

const SWEEP_EVERY_MS = 60_000;
const stores = new WeakMap<Db, DatabaseRateLimitStore>();

export class DatabaseRateLimitStore implements RateLimitStore {
  readonly kind = "database" as const;
  readonly #postgres: boolean;
  #lastSweep = 0;

  constructor(private readonly db: Db) {
    this.#postgres = (databaseOf(db)?.kind ?? env().databaseKind) === "postgres";
  }

  static for(db: Db): DatabaseRateLimitStore {
    let store = stores.get(db);
    if (!store) {
      store = new DatabaseRateLimitStore(db);
      stores.set(db, store);
    }
    return store;
  }

  /** A time as the column stores it. */
  #time(ms: number): Date | number {
    return this.#postgres ? new Date(ms) : ms;
  }

  #read(value: unknown): number {
    if (value instanceof Date) return value.getTime();
    if (typeof value === "bigint") return Number(value);
    if (typeof value === "number") return value;
    const text = String(value);
    // A timestamp without a zone is UTC (how Prisma stores DateTime on PostgreSQL).
    return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`).getTime();
  }

  /** PostgreSQL text cannot hold NUL. */
  #key(key: string): string {
    return key.replace(/\u0000/g, "\uFFFD");
  }

  /** Off Prisma (lib/db/direct-sql.ts): every login runs two or three of these. */
  async #query(query: Sql): Promise<Record<string, unknown>[]> {
    return directQuery(this.db, query.sql, query.values as DirectValue[]);
  }

  #sweepSometimes(now: number): void {
    if (now - this.#lastSweep < SWEEP_EVERY_MS) return;
    this.#lastSweep = now;
    this.db.$executeRaw(sql`DELETE FROM "rate_counters" WHERE "reset_at" < ${this.#time(now)}`).catch((error: unknown) =>
      logger().warn({ err: error }, "could not delete expired rate counters"),
    );
  }

  async increment(rawKey: string, windowMs: number, options: { sliding?: boolean } = {}): Promise<CounterResult> {
    const key = this.#key(rawKey);
    const now = Date.now();
    this.#sweepSometimes(now);
    const nowValue = this.#time(now);
    const until = this.#time(now + windowMs);
    const resetAt = options.sliding
      ? sql`EXCLUDED."reset_at"`
      : sql`CASE WHEN "rate_counters"."reset_at" <= ${nowValue} THEN EXCLUDED."reset_at" ELSE "rate_counters"."reset_at" END`;
    const [row] = await this.#query(sql`
      INSERT INTO "rate_counters" ("key", "count", "reset_at") VALUES (${key}, 1, ${until})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "rate_counters"."reset_at" <= ${nowValue} THEN 1 ELSE "rate_counters"."count" + 1 END,
        "reset_at" = ${resetAt}
      RETURNING "count", "reset_at"`);
    return { count: Number(row!.count), resetAt: new Date(this.#read(row!.reset_at)) };
  }

  async count(rawKey: string): Promise<number> {
    const key = this.#key(rawKey);
    const [row] = await this.#query(sql`SELECT "count" FROM "rate_counters" WHERE "key" = ${key} AND "reset_at" > ${this.#time(Date.now())}`);
    return row ? Number(row.count) : 0;
  }

  async take(rawKey: string, bucket: Bucket): Promise<BucketResult> {
    const key = this.#key(rawKey);
    const now = Date.now();
    this.#sweepSometimes(now);
    const { limit, intervalMs } = bucket;
    const nowValue = this.#time(now);
    const first = this.#time(now + intervalMs);
    // A token is left while the bucket's time is at most now + (limit - 1) intervals.
    const threshold = this.#time(now + (limit - 1) * intervalMs);
    const advanced = this.#postgres
      ? sql`"rate_counters"."reset_at" + (${intervalMs}::double precision * interval '1 millisecond')`
      : sql`"rate_counters"."reset_at" + ${intervalMs}`;
    const rows = await this.#query(sql`
      INSERT INTO "rate_counters" ("key", "count", "reset_at") VALUES (${key}, 1, ${first})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "rate_counters"."reset_at" > ${nowValue} THEN "rate_counters"."count" + 1 ELSE 1 END,
        "reset_at" = CASE WHEN "rate_counters"."reset_at" > ${nowValue} THEN ${advanced} ELSE EXCLUDED."reset_at" END
      WHERE "rate_counters"."reset_at" <= ${threshold}
      RETURNING "reset_at"`);
    if (rows.length > 0) return { allowed: true, retryAfterMs: 0 };
    return this.check(rawKey, bucket);
  }

  async check(rawKey: string, bucket: Bucket): Promise<BucketResult> {
    const key = this.#key(rawKey);
    const now = Date.now();
    const [row] = await this.#query(sql`SELECT "reset_at" FROM "rate_counters" WHERE "key" = ${key}`);
    if (!row) return { allowed: true, retryAfterMs: 0 };
    const wait = this.#read(row.reset_at) - (now + (bucket.limit - 1) * bucket.intervalMs);
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true, retryAfterMs: 0 };
  }

  async reset(rawKey: string): Promise<void> {
    const key = this.#key(rawKey);
    await directExecute(this.db, `DELETE FROM "rate_counters" WHERE "key" = ?`, [key]);
  }
}
