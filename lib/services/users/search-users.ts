// Lists and searches users (GET /api/v2/users, auth0-management-api.md §3.1, §4): the v3 query
// language of lib/search, sorting, and two ways of paging.
//
// - Offset (`skip`/`take`): Auth0's page/per_page. The 1,000-result cap of Auth0 is the caller's
//   rule (the Management API keeps it for compatibility, lib/management/routes/users-search.ts).
// - Checkpoint (`from`/`take`): keyset paging on (sort value, user_id) with an opaque cursor. It walks
//   a result of any size in a stable order, and every page costs the same however deep it is.
//
// Order: by the sort field, ties broken by user_id in the same direction; user_id ascending when no
// sort is given. Users without a value for the sort field come last in both directions, as
// Elasticsearch (Auth0) sorts missing values. SQLite puts NULLs first and PostgreSQL last, and
// `NULLS LAST` would cost one of them its index order, so a nullable sort is read as two segments,
// each in index order: the users with a value, then those without (by user_id). Text sorts compare
// the lower-cased columns, byte-wise on SQLite and in the database collation on PostgreSQL (the
// same order under C/C.UTF-8, which the test databases use).
//
// The page is one raw query for user_ids (the WHERE clause from compile-user-query.ts, ordered and
// windowed by the database with its indexes), then the users through presentUsersById. A query that
// is a single metadata clause, in user_id order, is paged and counted in user_metadata_values alone
// (compileMetadataPage, compileUserCount): at a million users that is the difference between
// reading 50 index entries and joining 100,000 users.
//
// Totals: Gatehouse counts every match (no 1,000 cap). The count is skipped when the page proves it
// (a short, non-empty page, or an empty first page). Slow counts (broad queries at scale) are reused
// for a few seconds per (query, connection), see countUsers below.
import { z } from "zod";
import type { DbOrTx } from "../../db/client.ts";
import { databaseOf } from "../../db/client.ts";
import { join, raw, sql, type Sql } from "../../db/sql.ts";
import { env } from "../../env.ts";
import { processGlobal } from "../../process-global.ts";
import { compileMetadataPage, compileUserCount, compileUserQuery, userInConnection, type SqlDialect } from "../../search/compile-user-query.ts";
import type { QueryNode } from "../../search/ast.ts";
import { parseQuery } from "../../search/parse-query.ts";
import { QuerySyntaxError } from "../../search/query-syntax-error.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { presentUsersById } from "./present-user.ts";

type SortType = "text" | "date" | "int" | "bool";
type SortSpec = { readonly column: string; readonly type: SortType; readonly nullable: boolean };

const SORTS = {
  user_id: { column: "user_id", type: "text", nullable: false },
  email: { column: "email_lower", type: "text", nullable: true },
  email_verified: { column: "email_verified", type: "bool", nullable: false },
  username: { column: "username", type: "text", nullable: true },
  phone_number: { column: "phone_number", type: "text", nullable: true },
  phone_verified: { column: "phone_verified", type: "bool", nullable: false },
  name: { column: "name_lower", type: "text", nullable: true },
  given_name: { column: "given_name_lower", type: "text", nullable: true },
  family_name: { column: "family_name_lower", type: "text", nullable: true },
  nickname: { column: "nickname_lower", type: "text", nullable: true },
  created_at: { column: "created_at", type: "date", nullable: false },
  updated_at: { column: "updated_at", type: "date", nullable: false },
  last_login: { column: "last_login", type: "date", nullable: true },
  last_ip: { column: "last_ip", type: "text", nullable: true },
  logins_count: { column: "logins_count", type: "int", nullable: false },
  blocked: { column: "blocked", type: "bool", nullable: false },
} as const satisfies Record<string, SortSpec>;

export type UserSortField = keyof typeof SORTS;
export const USER_SORT_FIELDS = Object.keys(SORTS) as UserSortField[];
export type UserSort = { field: UserSortField; direction: "asc" | "desc" };

const DEFAULT_SORT: UserSort = { field: "user_id", direction: "asc" };

/** Parses Auth0's `sort=field:1|-1` (§4.8); metadata and unknown fields are 400 invalid_query_string. */
export function parseUserSort(value: string): UserSort {
  const match = /^(.+):(1|-1)$/.exec(value);
  if (!match) throw invalid(`Query validation error: 'sort' must be field:1 (ascending) or field:-1 (descending), got '${value}'.`, "invalid_query_string");
  const field = match[1]!;
  if (/^(user|app)_metadata(\.|$)/.test(field)) {
    throw invalid(`Query validation error: sorting by ${field} is not supported (metadata fields cannot be sorted).`, "invalid_query_string");
  }
  if (!Object.hasOwn(SORTS, field)) {
    throw invalid(`Query validation error: cannot sort by '${field}'; sort by one of ${USER_SORT_FIELDS.join(", ")}.`, "invalid_query_string");
  }
  return { field: field as UserSortField, direction: match[2] === "1" ? "asc" : "desc" };
}

export type SearchUsersInput = {
  /** A v3 query (§4); absent or blank lists every user. */
  q?: string;
  /** Only users with an identity in this connection (GET /users `connection`). */
  connection?: string;
  sort?: UserSort;
  page: { mode: "offset"; skip: number; take: number } | { mode: "checkpoint"; from?: string; take: number };
  /** Offset mode: also count every match. */
  withTotal?: boolean;
};

export type SearchUsersResult = {
  /** The page's users in order, Auth0-shaped (present-user.ts). */
  users: Record<string, unknown>[];
  /** Offset mode with withTotal: every match, not only this page. */
  total?: number;
  /** Checkpoint mode: the cursor of the next page, absent on the last one. */
  next?: string;
};

/** Every actor that reaches this may read every user (read:users for API callers; operators). */
export async function searchUsers(db: DbOrTx, input: SearchUsersInput, actor: Actor): Promise<SearchUsersResult> {
  const page = await searchUserIds(db, input, actor);
  const users = await presentUsersById(db, page.ids);
  return { users, total: page.total, next: page.next };
}

/** searchUsers without the presentation: the page's user_ids. */
export async function searchUserIds(
  db: DbOrTx,
  input: SearchUsersInput,
  _actor: Actor,
): Promise<{ ids: string[]; total?: number; next?: string }> {
  const dialect = databaseOf(db)?.kind ?? env().databaseKind;
  const { where, count, query } = userSearch(input.q, input.connection, dialect);
  const sort = input.sort ?? DEFAULT_SORT;
  // A single metadata clause in user_id order is paged in the metadata table alone.
  const metadataPage =
    query && input.connection === undefined && sort.field === "user_id"
      ? (after: string | undefined, limit: number, offset: number) => compileMetadataPage(query, dialect, { direction: sort.direction, after, limit, offset })
      : undefined;
  const window = new SortWindow(sort, where, metadataPage);

  if (input.page.mode === "checkpoint") {
    const { take } = input.page;
    const after = input.page.from === undefined ? undefined : decodeUserCursor(input.page.from, sort);
    const rows = await window.after(db, after, take + 1);
    const more = rows.length > take;
    const pageRows = rows.slice(0, take);
    const last = pageRows.at(-1);
    return { ids: pageRows.map((row) => row.user_id), next: more && last ? encodeUserCursor(sort, last) : undefined };
  }

  const { skip, take } = input.page;
  const rows = await window.offset(db, skip, take);
  let total: number | undefined;
  if (input.withTotal) {
    const pageProvesTotal = rows.length < take && (rows.length > 0 || skip === 0);
    total = pageProvesTotal ? skip + rows.length : await countUsers(db, count, cacheKey(db, input, dialect));
  }
  return { ids: rows.map((row) => row.user_id), total };
}

/**
 * Parses and compiles `q` (and the connection filter): the WHERE clause over "users" and the COUNT
 * statement for the same users. A query the language rejects is 400 invalid_query_string.
 */
export function userSearch(
  q: string | undefined,
  connection: string | undefined,
  dialect: SqlDialect,
): { where: Sql; count: Sql; query?: QueryNode } {
  const parts: Sql[] = [];
  let query: QueryNode | undefined;
  if (q !== undefined && q.trim() !== "") {
    try {
      query = parseQuery(q);
      parts.push(compileUserQuery(query, dialect));
    } catch (error) {
      if (error instanceof QuerySyntaxError) throw invalid(error.message, "invalid_query_string");
      throw error;
    }
  }
  if (connection !== undefined) parts.push(userInConnection(connection));
  const where = parts.length === 0 ? sql`(1=1)` : parts.length === 1 ? parts[0]! : sql`(${join(parts, " AND ")})`;
  const count = query && connection === undefined ? compileUserCount(query, dialect) : sql`SELECT COUNT(*) AS "n" FROM "users" WHERE ${where}`;
  return { where, count, query };
}

// ---------------------------------------------------------------------------------------------
// Ordered windows

/** A row of the ordered result: the user and, in the value segment, its sort value. */
type Row = { user_id: string; segment: 0 | 1; value: SortValue };
type SortValue = string | number | boolean | Date | null;

type Cursor = { segment: 0 | 1; value: SortValue; userId: string };
/** The SELECT of one page of a metadata-only query in user_id order, or null when the query is not one. */
type MetadataPage = (after: string | undefined, limit: number, offset: number) => Sql | null;

class SortWindow {
  readonly #spec: SortSpec;
  readonly #direction: Sql;
  readonly #compare: Sql;
  readonly #where: Sql;
  readonly #column: Sql;
  readonly #byUserId: boolean;
  readonly #metadataPage: MetadataPage | undefined;

  constructor(sort: UserSort, where: Sql, metadataPage?: MetadataPage) {
    this.#metadataPage = metadataPage;
    this.#spec = SORTS[sort.field];
    this.#direction = raw(sort.direction === "asc" ? "ASC" : "DESC");
    this.#compare = raw(sort.direction === "asc" ? ">" : "<");
    this.#where = where;
    this.#column = raw(`"users"."${this.#spec.column}"`);
    this.#byUserId = this.#spec.column === "user_id";
  }

  /** Offset paging across the segments: `take` rows after the first `skip`. */
  async offset(db: DbOrTx, skip: number, take: number): Promise<Row[]> {
    const rows = await this.#valueSegment(db, undefined, take, skip);
    if (!this.#spec.nullable || rows.length === take) return rows;
    // The rest of the page comes from the users without a value; how many of those to skip
    // depends on how many users have one, which the value segment's answer shows unless it was empty.
    const withValue = rows.length > 0 || skip === 0 ? skip + rows.length : await this.#countWithValue(db, skip);
    return [...rows, ...(await this.#nullSegment(db, undefined, take - rows.length, Math.max(0, skip - withValue)))];
  }

  /** Keyset paging: up to `limit` rows after the cursor (from the start without one). */
  async after(db: DbOrTx, cursor: Cursor | undefined, limit: number): Promise<Row[]> {
    if (cursor?.segment === 1) return this.#nullSegment(db, cursor.userId, limit, 0);
    const rows = await this.#valueSegment(db, cursor, limit, 0);
    if (!this.#spec.nullable || rows.length === limit) return rows;
    return [...rows, ...(await this.#nullSegment(db, undefined, limit - rows.length, 0))];
  }

  async #valueSegment(db: DbOrTx, cursor: Cursor | undefined, limit: number, offset: number): Promise<Row[]> {
    const metadata = this.#metadataPage?.(cursor?.userId, limit, offset);
    if (metadata) {
      const rows = await db.$queryRaw<{ user_id: string }[]>(metadata);
      return rows.map((row) => ({ user_id: row.user_id, segment: 0, value: row.user_id }));
    }
    const conditions = [this.#where];
    if (this.#spec.nullable) conditions.push(sql`${this.#column} IS NOT NULL`);
    if (cursor) {
      conditions.push(
        this.#byUserId
          ? sql`"users"."user_id" ${this.#compare} ${cursor.userId}`
          : sql`(${this.#column}, "users"."user_id") ${this.#compare} (${cursor.value}, ${cursor.userId})`,
      );
    }
    const order = this.#byUserId ? sql`"users"."user_id" ${this.#direction}` : sql`${this.#column} ${this.#direction}, "users"."user_id" ${this.#direction}`;
    const rows = await db.$queryRaw<{ user_id: string; sort_value: unknown }[]>(
      sql`SELECT "users"."user_id" AS "user_id", ${this.#column} AS "sort_value" FROM "users" WHERE ${join(conditions, " AND ")} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
    );
    return rows.map((row) => ({ user_id: row.user_id, segment: 0, value: normalizeSortValue(this.#spec.type, row.sort_value) }));
  }

  async #nullSegment(db: DbOrTx, afterUserId: string | undefined, limit: number, offset: number): Promise<Row[]> {
    const conditions = [this.#where, sql`${this.#column} IS NULL`];
    if (afterUserId !== undefined) conditions.push(sql`"users"."user_id" ${this.#compare} ${afterUserId}`);
    const rows = await db.$queryRaw<{ user_id: string }[]>(
      sql`SELECT "users"."user_id" AS "user_id" FROM "users" WHERE ${join(conditions, " AND ")} ORDER BY "users"."user_id" ${this.#direction} LIMIT ${limit} OFFSET ${offset}`,
    );
    return rows.map((row) => ({ user_id: row.user_id, segment: 1, value: null }));
  }

  /** How many matches have a value, counted no further than `limit`. */
  async #countWithValue(db: DbOrTx, limit: number): Promise<number> {
    const [row] = await db.$queryRaw<{ n: bigint | number }[]>(
      sql`SELECT COUNT(*) AS "n" FROM (SELECT 1 AS "one" FROM "users" WHERE ${this.#where} AND ${this.#column} IS NOT NULL LIMIT ${limit}) AS "matches"`,
    );
    return Number(row?.n ?? 0);
  }
}

/** Raw-query values differ by driver (SQLite: BigInt integers, 0/1 booleans, ISO text dates). */
function normalizeSortValue(type: SortType, value: unknown): SortValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "text":
      return String(value);
    case "int":
      return Number(value);
    case "bool":
      return value === true || value === 1 || value === 1n || value === "1" || value === "true";
    case "date":
      return value instanceof Date ? value : new Date(String(value));
  }
}

// ---------------------------------------------------------------------------------------------
// Checkpoint cursors: base64url JSON of the sort and the last row's key. Opaque to callers.

const cursorSchema = z.strictObject({
  s: z.string(),
  g: z.union([z.literal(0), z.literal(1)]),
  v: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  u: z.string(),
});

const sortKey = (sort: UserSort) => `${sort.field}:${sort.direction === "asc" ? 1 : -1}`;

function encodeUserCursor(sort: UserSort, row: Row): string {
  const value = row.value instanceof Date ? row.value.toISOString() : row.value;
  return Buffer.from(JSON.stringify({ s: sortKey(sort), g: row.segment, v: value, u: row.user_id }), "utf8").toString("base64url");
}

function decodeUserCursor(from: string, sort: UserSort): Cursor {
  const bad = () => invalid("Query validation error: 'Invalid checkpoint' on property from.", "invalid_query_string");
  let parsed: z.infer<typeof cursorSchema>;
  try {
    const result = cursorSchema.safeParse(JSON.parse(Buffer.from(from, "base64url").toString("utf8")));
    if (!result.success) throw bad();
    parsed = result.data;
  } catch {
    throw bad();
  }
  if (parsed.s !== sortKey(sort)) {
    throw invalid(
      `Query validation error: the checkpoint in 'from' belongs to sort=${parsed.s}; send the same sort with it.`,
      "invalid_query_string",
    );
  }
  const spec = SORTS[sort.field];
  if (parsed.g === 1) {
    if (!spec.nullable) throw bad();
    return { segment: 1, value: null, userId: parsed.u };
  }
  const value = parsed.v;
  const ok =
    (spec.type === "text" && typeof value === "string") ||
    (spec.type === "int" && typeof value === "number" && Number.isSafeInteger(value)) ||
    (spec.type === "bool" && typeof value === "boolean") ||
    (spec.type === "date" && typeof value === "string" && !Number.isNaN(Date.parse(value)));
  if (!ok) throw bad();
  return { segment: 0, value: spec.type === "date" ? new Date(value as string) : value, userId: parsed.u };
}

// ---------------------------------------------------------------------------------------------
// Counting

/**
 * Counts that took at least COUNT_CACHE_MIN_MS are reused for COUNT_TTL_MS per (database, query,
 * connection). include_totals asks for the count with every page, and a client paging through a
 * broad result asks again for each page: at a million users such a count costs tens to hundreds of
 * milliseconds, a cached answer nothing. A few seconds of staleness in the `total` of a result that
 * large is harmless (Auth0's own search is eventually consistent, §3.1); small, cheap counts are
 * always exact, and pages themselves are never cached.
 */
const COUNT_CACHE_MIN_MS = 20;
const COUNT_TTL_MS = 10_000;
const COUNT_CACHE_MAX = 1_000;
const countCache = processGlobal("users.search.counts", () => new Map<string, { total: number; expires: number }>());

function cacheKey(db: DbOrTx, input: SearchUsersInput, dialect: SqlDialect): string {
  return JSON.stringify([databaseOf(db)?.url ?? env().databaseUrl, dialect, input.q?.trim() ?? "", input.connection ?? null]);
}

async function countUsers(db: DbOrTx, count: Sql, key: string): Promise<number> {
  const started = Date.now();
  const cached = countCache.get(key);
  if (cached && cached.expires > started) return cached.total;
  const [row] = await db.$queryRaw<{ n: bigint | number }[]>(count);
  // Both drivers may return COUNT(*) as a BigInt; any realistic count fits a double exactly.
  const total = Number(row?.n ?? 0);
  const now = Date.now();
  if (now - started >= COUNT_CACHE_MIN_MS) {
    if (countCache.size >= COUNT_CACHE_MAX) {
      for (const [k, entry] of countCache) if (entry.expires <= now) countCache.delete(k);
      if (countCache.size >= COUNT_CACHE_MAX) countCache.clear();
    }
    countCache.set(key, { total, expires: now + COUNT_TTL_MS });
  }
  return total;
}
