// Direct SQL for the hot paths where Prisma's per-query cost would dominate: every password login
// runs its rate-limit counters, its brute-force block check, its account lookup and its login
// record through here. Prisma 6.19's client engine compiles every query to a plan in WebAssembly,
// values inlined, with no plan cache: 0.3-2 ms of main-thread CPU a query (measured on the 2-core
// machine: a findFirst with an include 1.5 ms on SQLite and 2.1 ms on PostgreSQL, $queryRaw 0.3
// and 0.4 ms), against ~10 µs for a prepared statement. bench/login.mjs: moving the login's queries
// here halved the server's main-thread CPU per login (SQLite 13 → 6.4 ms, PostgreSQL 14 → 7.7 ms).
//
//   - SQLite: a prepared statement, cached, on the shared better-sqlite3 connection
//     (sqlite-adapter.ts sqliteHandle), run when no transaction holds the connection;
//   - PostgreSQL: a named prepared statement on Prisma's own pg pool (client.ts), so no extra
//     connections; `timestamp(3)` columns (Prisma's DateTime: UTC without a zone) read as UTC.
//     Named statements live in a server session: behind PgBouncer in transaction mode they need
//     PgBouncer 1.21+ with max_prepared_statements set;
//   - a transaction client, or a client not made by getDb(): Prisma's $queryRawUnsafe, as part of
//     the caller's unit of work.
//
// SQL is written once, with `?` placeholders (PostgreSQL gets $1, $2, ...) and quoted identifiers
// both databases accept. Parameters are strings, numbers, booleans, Dates or null, bound the way
// each database stores them (SQLite: dates as Prisma's ISO text, booleans as 0/1). Rows come back
// as the driver reads them: read columns with toBool / toDate / toNumber / toJson.
import { createHash } from "node:crypto";
import type { Pool, QueryConfig } from "pg";
import { env } from "../env.ts";
import { databaseOf, type DbOrTx } from "./client.ts";
import { sqliteHandle } from "./sqlite-adapter.ts";

export type DirectRow = Record<string, unknown>;
export type DirectValue = string | number | boolean | Date | null;

type SqliteStatement = { reader: boolean; all(...params: unknown[]): unknown[]; run(...params: unknown[]): { changes: number } };
type SqliteDatabase = { prepare(sql: string): SqliteStatement };

const sqliteStatements = new WeakMap<object, Map<string, SqliteStatement>>();

function sqliteStatement(database: SqliteDatabase, sql: string): SqliteStatement {
  let cache = sqliteStatements.get(database);
  if (!cache) sqliteStatements.set(database, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = database.prepare(sql);
    // A fixed set of statements in practice; the bound only guards against a caller building SQL.
    if (cache.size >= 500) cache.clear();
    cache.set(sql, statement);
  }
  return statement;
}

/** A value as SQLite stores it through Prisma: ISO text with +00:00 for dates, 0/1 for booleans. */
function sqliteValue(value: DirectValue): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

// --- PostgreSQL ---------------------------------------------------------------------------------

const TIMESTAMP_WITHOUT_ZONE = 1114;
const pgStatementNames = new Map<string, { name: string; text: string }>();

function pgStatement(sql: string): { name: string; text: string } {
  let statement = pgStatementNames.get(sql);
  if (!statement) {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    // Named: each connection parses and plans it once.
    statement = { name: `gh_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`, text };
    if (pgStatementNames.size >= 500) pgStatementNames.clear();
    pgStatementNames.set(sql, statement);
  }
  return statement;
}

let pgTypes: QueryConfig["types"] | undefined;
async function pgTypeParsers(): Promise<NonNullable<QueryConfig["types"]>> {
  if (!pgTypes) {
    const { default: pg } = await import("pg");
    pgTypes = {
      getTypeParser: ((oid: number, format?: string) =>
        oid === TIMESTAMP_WITHOUT_ZONE ? (text: string) => new Date(`${text.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format as "text")) as never,
    };
  }
  return pgTypes!;
}

async function pgQuery(pool: Pool, sql: string, params: readonly DirectValue[]) {
  const { name, text } = pgStatement(sql);
  return pool.query({ name, text, values: params.map((v) => (v instanceof Date ? v.toISOString() : v)), types: await pgTypeParsers() });
}

// --- Running ------------------------------------------------------------------------------------

type Route =
  | { kind: "sqlite"; run<T>(fn: (database: SqliteDatabase) => T): Promise<T> }
  | { kind: "postgres"; pool: Pool }
  | { kind: "prisma"; dialect: "sqlite" | "postgres" };

function routeOf(db: DbOrTx): Route {
  const location = databaseOf(db);
  if (location?.kind === "postgres" && location.pool) return { kind: "postgres", pool: location.pool };
  if (location?.kind === "sqlite") {
    // The handle exists once Prisma has opened its connection (the first query of the process).
    const handle = sqliteHandle(location.url);
    if (handle) return { kind: "sqlite", run: (fn) => handle.run((database) => fn(database as unknown as SqliteDatabase)) };
  }
  return { kind: "prisma", dialect: location?.kind ?? env().databaseKind };
}

function prismaSql(sql: string, dialect: "sqlite" | "postgres"): string {
  if (dialect === "sqlite") return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** The rows a statement returns (SELECT, or a write with RETURNING). */
export async function directQuery(db: DbOrTx, sql: string, params: readonly DirectValue[] = []): Promise<DirectRow[]> {
  const route = routeOf(db);
  if (route.kind === "sqlite") return route.run((database) => sqliteStatement(database, sql).all(...params.map(sqliteValue)) as DirectRow[]);
  if (route.kind === "postgres") return (await pgQuery(route.pool, sql, params)).rows as DirectRow[];
  return db.$queryRawUnsafe<DirectRow[]>(prismaSql(sql, route.dialect), ...params);
}

/** Runs a write; resolves to the number of rows it changed. */
export async function directExecute(db: DbOrTx, sql: string, params: readonly DirectValue[] = []): Promise<number> {
  const route = routeOf(db);
  if (route.kind === "sqlite") return route.run((database) => sqliteStatement(database, sql).run(...params.map(sqliteValue)).changes);
  if (route.kind === "postgres") return (await pgQuery(route.pool, sql, params)).rowCount ?? 0;
  return db.$executeRawUnsafe(prismaSql(sql, route.dialect), ...params);
}

// --- Reading columns ----------------------------------------------------------------------------

/** A boolean column: SQLite 0/1 (a BigInt through Prisma), PostgreSQL boolean. */
export const toBool = (value: unknown): boolean => value === true || value === 1 || value === 1n;
/** An integer column (a BigInt through Prisma on SQLite, a string for PostgreSQL bigint). */
export const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
/** A DateTime column: SQLite ISO text (or epoch ms), PostgreSQL Date. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}
/** A Json column: text in SQLite, parsed by pg. */
export const toJson = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);
