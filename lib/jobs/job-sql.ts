// Raw SQL for the job runner's hot loops (imports write 10,000+ users a second, exports read a
// million): Prisma's per-query cost would dominate, as it did for log events (lib/logs/log-sink.ts).
//
// A unit of work is written once, as a generator that yields SQL operations and receives their
// results, and runs on either database:
//   - SQLite: on the shared better-sqlite3 connection (lib/db/sqlite-adapter.ts sqliteHandle),
//     inside one IMMEDIATE transaction, holding the connection (exclusive) so no other request's
//     query can join the transaction; statements run synchronously, and the event loop gets a
//     turn every 20 ms between them.
//   - PostgreSQL: on a small pool of the runner's own (pg), BEGIN ... COMMIT around the operations;
//     bulk inserts use unnest() over one array per column (one statement, any row count).
// SQL is written with `?` placeholders; PostgreSQL gets `$n`.
import type BetterSqlite3 from "better-sqlite3";
import type { Pool, PoolClient } from "pg";
import { databaseOf, type Db } from "../db/client.ts";
import { sqliteHandle } from "../db/sqlite-adapter.ts";
import { processGlobal } from "../process-global.ts";

export type ColumnType = "text" | "bool" | "int" | "bigint" | "float8" | "timestamp" | "jsonb";

export type SqlOperation =
  | { op: "all"; sql: string; params?: unknown[] }
  | { op: "run"; sql: string; params?: unknown[] }
  | { op: "insert"; table: string; columns: readonly (readonly [string, ColumnType])[]; rows: unknown[][] };

export type Row = Record<string, unknown>;
/** Results: `all` → rows, `run` → affected row count, `insert` → inserted row count. */
export type SqlWork<T> = Generator<SqlOperation, T, unknown>;

export const all = (sql: string, params: unknown[] = []): SqlOperation => ({ op: "all", sql, params });
export const run = (sql: string, params: unknown[] = []): SqlOperation => ({ op: "run", sql, params });
export const insertRows = (table: string, columns: readonly (readonly [string, ColumnType])[], rows: unknown[][]): SqlOperation => ({ op: "insert", table, columns, rows });

export type SqlDialect = "sqlite" | "postgres";

/** A parameter in the form each driver binds: dates as text, booleans as 0/1 in SQLite, JSON as text. */
export function sqlValue(dialect: SqlDialect, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return dialect === "sqlite" ? value.toISOString().replace("Z", "+00:00") : value.toISOString();
  if (typeof value === "boolean") return dialect === "sqlite" ? (value ? 1 : 0) : value;
  if (typeof value === "bigint" && dialect === "postgres") return value.toString();
  return value;
}

/** Reads a boolean column (SQLite: 0/1, maybe as BigInt). */
export const toBool = (value: unknown): boolean => value === true || value === 1 || value === 1n;
export const toNumber = (value: unknown): number => (typeof value === "bigint" ? Number(value) : Number(value ?? 0));
/** Reads a timestamp column: SQLite text or a number of ms, PostgreSQL Date. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "bigint") return new Date(Number(value));
  if (typeof value === "number") return new Date(value);
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}
/** Reads a JSON column: text in SQLite, parsed by pg. */
export const toJsonValue = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);

// --- SQLite -------------------------------------------------------------------------------------

const statementCache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function statement(database: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = statementCache.get(database);
  if (!cache) statementCache.set(database, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = database.prepare(sql);
    if (cache.size > 200) cache.clear();
    cache.set(sql, prepared);
  }
  return prepared;
}

/** SQLite's default limit on bound parameters is 32,766. */
const SQLITE_MAX_PARAMETERS = 32_000;

/** The statements one SQLite operation runs, each returning the operation's result when it is the last. */
function* sqliteStatements(database: BetterSqlite3.Database, operation: SqlOperation): Generator<() => unknown, void, undefined> {
  if (operation.op === "all") {
    const prepared = statement(database, operation.sql);
    yield () => (prepared.reader ? prepared.all(...(operation.params ?? []).map((v) => sqlValue("sqlite", v))) : []);
  } else if (operation.op === "run") {
    yield () => statement(database, operation.sql).run(...(operation.params ?? []).map((v) => sqlValue("sqlite", v))).changes;
  } else {
    // Many rows per statement: besides fewer calls, a statement that fires triggers (users →
    // the FTS5 trigram index) opens a savepoint, and FTS5 flushes its pending terms at every
    // savepoint; one row per statement made a segment per user (2.5x the CPU, measured).
    const names = operation.columns.map(([name]) => `"${name}"`).join(", ");
    const tuple = `(${operation.columns.map(() => "?").join(", ")})`;
    const perStatement = Math.max(1, Math.floor(SQLITE_MAX_PARAMETERS / operation.columns.length));
    if (operation.rows.length === 0) yield () => 0;
    for (let start = 0; start < operation.rows.length; start += perStatement) {
      const rows = operation.rows.slice(start, start + perStatement);
      const last = start + perStatement >= operation.rows.length;
      yield () => {
        const sql = `INSERT INTO "${operation.table}" (${names}) VALUES ${Array.from({ length: rows.length }, () => tuple).join(", ")}`;
        // Full-size statements are reused; the odd-sized last one of a batch is not kept.
        const insert = rows.length === perStatement ? statement(database, sql) : database.prepare(sql);
        insert.run(...rows.flatMap((row) => row.map((v) => sqlValue("sqlite", v))));
        return last ? operation.rows.length : undefined;
      };
    }
  }
}

/** Runs `work` synchronously (reads that must not interleave with anything). */
function driveSqlite<T>(database: BetterSqlite3.Database, work: SqlWork<T>): T {
  let input: unknown;
  for (;;) {
    const step = work.next(input);
    if (step.done) return step.value;
    for (const execute of sqliteStatements(database, step.value)) input = execute();
  }
}

/** How long SQLite work may hold the event loop before it lets other callbacks run. */
const SQLITE_SLICE_MS = 20;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * When the event loop last turned during job work. One clock across transactions: a run of short
 * batches (each under SQLITE_SLICE_MS, chained by promises only) would otherwise never yield, and
 * starve timers, requests and the queries queued for the connection until the job ended
 * (measured: an import in batches of 100 kept a cancel request waiting until its last batch).
 */
let lastTurn = performance.now();
async function turnIfDue(): Promise<void> {
  if (performance.now() - lastTurn <= SQLITE_SLICE_MS) return;
  await nextTurn();
  lastTurn = performance.now();
}

/**
 * Runs `work` statement by statement, letting the event loop turn every SQLITE_SLICE_MS: the
 * caller holds the connection (exclusive), so the transaction stays whole while health checks,
 * static pages and password hashing go on. A batch of 2,000 users then costs requests that need
 * the database a wait, not the whole process a stall.
 */
async function driveSqliteInSlices<T>(database: BetterSqlite3.Database, work: SqlWork<T>): Promise<T> {
  let input: unknown;
  for (;;) {
    const step = work.next(input);
    if (step.done) return step.value;
    for (const execute of sqliteStatements(database, step.value)) {
      await turnIfDue();
      input = execute();
    }
  }
}

// --- PostgreSQL ---------------------------------------------------------------------------------

const pools = processGlobal("jobs.pg-pools", () => new Map<string, Promise<Pool>>());

function pgPool(url: string): Promise<Pool> {
  let pool = pools.get(url);
  if (!pool) {
    pool = import("pg").then(({ default: pg }) => {
      const created = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5_000, allowExitOnIdle: true });
      // An idle client's error (the database restarted) must not crash the process.
      created.on("error", () => {});
      return created;
    });
    pools.set(url, pool);
  }
  return pool;
}

/** Closes the runner's PostgreSQL pools (shutdown, end of a test file). */
export async function closeJobSqlPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.allSettled(all.map(async (p) => (await p).end()));
}

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const PG_CASTS: Record<ColumnType, string> = { text: "text", bool: "boolean", int: "integer", bigint: "bigint", float8: "double precision", timestamp: "timestamp(3)", jsonb: "jsonb" };

async function drivePostgres<T>(client: PoolClient, work: SqlWork<T>): Promise<T> {
  let input: unknown;
  for (;;) {
    const step = work.next(input);
    if (step.done) return step.value;
    const operation = step.value;
    if (operation.op === "all") {
      input = (await client.query(numbered(operation.sql), (operation.params ?? []).map((v) => sqlValue("postgres", v)))).rows;
    } else if (operation.op === "run") {
      input = (await client.query(numbered(operation.sql), (operation.params ?? []).map((v) => sqlValue("postgres", v)))).rowCount ?? 0;
    } else if (operation.rows.length === 0) {
      input = 0;
    } else {
      const columns = operation.columns;
      const arrays = columns.map((_, i) => operation.rows.map((row) => sqlValue("postgres", row[i])));
      // jsonb[] would parse each element; text[] cast per element keeps it one conversion.
      const selects = columns.map(([, type], i) => (type === "jsonb" ? `$${i + 1}::text[]` : `$${i + 1}::${PG_CASTS[type]}[]`));
      const names = columns.map(([name]) => `"${name}"`).join(", ");
      const projected = columns.map(([name, type]) => (type === "jsonb" ? `"${name}"::jsonb` : `"${name}"`)).join(", ");
      const sql = `INSERT INTO "${operation.table}" (${names}) SELECT ${projected} FROM unnest(${selects.join(", ")}) AS t(${names})`;
      input = (await client.query(sql, arrays)).rowCount ?? 0;
    }
  }
}

// --- Running work -------------------------------------------------------------------------------

export function dialectOf(db: Db): SqlDialect {
  const location = databaseOf(db);
  if (!location) throw new Error("job SQL needs a database client from getDb()");
  return location.kind;
}

/**
 * Runs `work` (made by `makeWork(dialect)`) in one transaction: every write and read it yields
 * commits together or not at all.
 */
export async function inJobTransaction<T>(db: Db, makeWork: (dialect: SqlDialect) => SqlWork<T>): Promise<T> {
  const location = databaseOf(db);
  if (!location) throw new Error("job SQL needs a database client from getDb()");
  if (location.kind === "sqlite") {
    const handle = await sqliteHandleOf(db, location.url);
    // Between transactions too: the queries waiting for the connection go first.
    await turnIfDue();
    return handle.exclusive(async (database) => {
      const native = database as unknown as BetterSqlite3.Database;
      native.exec("BEGIN IMMEDIATE");
      try {
        const result = await driveSqliteInSlices(native, makeWork("sqlite"));
        native.exec("COMMIT");
        return result;
      } catch (error) {
        if (native.inTransaction) native.exec("ROLLBACK");
        throw error;
      }
    });
  }
  const client = await (await pgPool(location.url)).connect();
  try {
    await client.query("BEGIN");
    // Atomicity is what resuming relies on, not the durability of the last commits: after a
    // database crash a lost batch is lost with its checkpoint and simply runs again. Not waiting
    // for the WAL flush at each batch's commit saves a disk round trip per batch.
    await client.query("SET LOCAL synchronous_commit = off");
    const result = await drivePostgres(client, makeWork("postgres"));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Runs read-only `work` outside a transaction (export pages). */
export async function readWithJobSql<T>(db: Db, makeWork: (dialect: SqlDialect) => SqlWork<T>): Promise<T> {
  const location = databaseOf(db);
  if (!location) throw new Error("job SQL needs a database client from getDb()");
  if (location.kind === "sqlite") {
    const handle = await sqliteHandleOf(db, location.url);
    return handle.run((database) => driveSqlite(database as unknown as BetterSqlite3.Database, makeWork("sqlite")));
  }
  const client = await (await pgPool(location.url)).connect();
  try {
    return await drivePostgres(client, makeWork("postgres"));
  } finally {
    client.release();
  }
}

async function sqliteHandleOf(db: Db, url: string) {
  let handle = sqliteHandle(url);
  if (!handle) {
    // The handle appears when Prisma opens its connection.
    await db.$queryRawUnsafe("SELECT 1");
    handle = sqliteHandle(url);
  }
  if (!handle) throw new Error("no SQLite connection handle");
  return handle;
}
