// Compiles a parsed log search query (auth0-management-api.md §9.3) into a SQL predicate over the
// `log_events` table that gives the same results on SQLite and PostgreSQL.
//
// Why a SQL fragment and not a Prisma where-object: Prisma 6.19 has no portable case-sensitive
// pattern match. `contains`/`startsWith`/`endsWith` are LIKE, which is case-insensitive for ASCII on
// SQLite and case-sensitive on PostgreSQL, and Prisma escapes neither `%` nor `_` in them on either
// database (`contains: "%"` matches every row; verified on 6.19.3). Resolving each wildcard leaf to
// `log_id IN (<ids>)` first would materialize up to millions of ids and overflow the bind-parameter
// limits (32766 on SQLite, 65535 on PostgreSQL). So the whole query becomes one predicate, which the
// database plans with its indexes, and only the pattern operator differs per dialect:
//   SQLite      "col" GLOB ?                 case-sensitive; literal * ? [ escaped as [*] [?] [[]
//   PostgreSQL  "col" LIKE ? ESCAPE '!'      case-sensitive; literal % _ ! escaped as !% !_ !!
// Both are anchored, both match `*`/`%` against any run of characters, and both compare everything
// else character for character, so a pattern matches the same rows on both.
//
// Every value is a bound parameter; the only SQL text is fixed column names and operators.
//
// Semantics (§9.3):
// - Fields are the columns below; field names are case-sensitive; anything else is rejected naming
//   the field, so a typo never silently matches nothing.
// - Values are whole-value, case-sensitive matches (`type:S` does not match `s`); quoted or not.
// - `*` wildcards (the parser has already rejected `?`, a lone `*` and short leading-wildcard
//   literals) on every text field; not on `date`.
// - Bare terms search client_name, connection, description, ip, log_id, type and user_name (OR).
// - Ranges only on `date`. A date may be partial (`2024`, `2024-05`, `2024-05-17`, `2024-05-17T10`,
//   `...T10:30`) or a full ISO 8601 timestamp (UTC unless it has an offset). A partial date stands
//   for its whole period, as Elasticsearch rounds dates: `date:2024-05` is all of May,
//   `[2024-05 TO ...` starts on May 1, `{2024-05 TO ...` after May 31, `... TO 2024-05]` includes
//   all of May, `... TO 2024-05}` ends before May 1.
// - `_exists_:field` is "the field has a value" (IS NOT NULL; an empty string is a value).
// - `organization_id` is a valid Auth0 field, but Gatehouse has no organizations, so no event has
//   one: `organization_id:x` and `_exists_:organization_id` match nothing (and their negations
//   everything), which is the truthful answer. Rejecting it would break tools written for Auth0.
// - Boolean logic is two-valued: every leaf is TRUE or FALSE, never SQL NULL (a NULL column fails
//   the leaf), so `NOT user_id:x` includes events without a user_id, as in Lucene.
import { join, raw, sql, type Sql } from "../db/sql.ts";
import type { ExistsNode, QueryNode, RangeBound, RangeNode, TermNode, TermValue, WildcardPart } from "./ast.ts";
import { QuerySyntaxError } from "./query-syntax-error.ts";
import { walk } from "./walk.ts";

export type SqlDialect = "sqlite" | "postgres";

type FieldSpec =
  | { readonly kind: "text"; readonly column: Sql; readonly nullable: boolean }
  | { readonly kind: "date"; readonly column: Sql }
  /** A field Auth0 has and Gatehouse never stores: no event has a value for it. */
  | { readonly kind: "absent" };

const text = (column: string, nullable = true): FieldSpec => ({ kind: "text", column: raw(`"${column}"`), nullable });

const FIELDS: ReadonlyMap<string, FieldSpec> = new Map([
  ["audience", text("audience")],
  ["client_id", text("client_id")],
  ["client_name", text("client_name")],
  ["connection", text("connection")],
  ["connection_id", text("connection_id")],
  ["date", { kind: "date", column: raw(`"date"`) }],
  ["description", text("description")],
  ["hostname", text("hostname")],
  ["ip", text("ip")],
  ["log_id", text("log_id", false)],
  ["organization_id", { kind: "absent" }],
  ["scope", text("scope")],
  ["strategy", text("strategy")],
  ["strategy_type", text("strategy_type")],
  ["type", text("type", false)],
  ["user_agent", text("user_agent")],
  ["user_id", text("user_id")],
  ["user_name", text("user_name")],
]);

/** The fields a log query may name, for messages and documentation. */
export const LOG_SEARCH_FIELDS: readonly string[] = [...FIELDS.keys()];

/** The fields a term without a field searches (§9.3). */
export const LOG_BARE_TERM_FIELDS = ["client_name", "connection", "description", "ip", "log_id", "type", "user_name"] as const;

const BARE_TERM_SPECS = LOG_BARE_TERM_FIELDS.map((name) => {
  const spec = FIELDS.get(name);
  if (spec?.kind !== "text") throw new Error(`bare-term field ${name} must be a text field`);
  return spec;
});

const TRUE = sql`(1=1)`;
const FALSE = sql`(1=0)`;

/** A SQL predicate (always parenthesized) that is true for the events the query matches. */
export function compileLogQuery(query: QueryNode, dialect: SqlDialect): Sql {
  return walk<Sql>(query, {
    and: (_node, children) => sql`(${join(children, " AND ")})`,
    or: (_node, children) => sql`(${join(children, " OR ")})`,
    not: (_node, child) => sql`(NOT ${child})`,
    term: (node) => compileTerm(node, dialect),
    range: (node) => compileRange(node),
    exists: (node) => compileExists(node),
  });
}

function fieldSpec(name: string, position: number): FieldSpec {
  const spec = FIELDS.get(name);
  if (spec) return spec;
  throw new QuerySyntaxError(
    `Unknown field '${name}' at position ${position}; logs can be searched by ${LOG_SEARCH_FIELDS.join(", ")}`,
    position,
  );
}

function compileTerm(node: TermNode, dialect: SqlDialect): Sql {
  if (node.field === null) {
    return sql`(${join(BARE_TERM_SPECS.map((spec) => matchText(spec, node.value, dialect)), " OR ")})`;
  }
  const spec = fieldSpec(node.field, node.fieldPosition ?? node.position);
  switch (spec.kind) {
    case "absent":
      return FALSE;
    case "text":
      return matchText(spec, node.value, dialect);
    case "date": {
      if (node.value.kind === "wildcard") {
        throw new QuerySyntaxError(
          `Wildcards are not supported on 'date' (position ${node.position}); use a range such as date:[2024-05-01 TO 2024-05-31]`,
          node.position,
        );
      }
      const period = datePeriodOrThrow(node.value.text, node.position);
      return sql`(${spec.column} >= ${period.first} AND ${spec.column} <= ${period.last})`;
    }
  }
}

function matchText(spec: FieldSpec & { kind: "text" }, value: TermValue, dialect: SqlDialect): Sql {
  const test =
    value.kind === "wildcard"
      ? dialect === "sqlite"
        ? sql`${spec.column} GLOB ${globPattern(value.parts)}`
        : sql`${spec.column} LIKE ${likePattern(value.parts)} ESCAPE '!'`
      : sql`${spec.column} = ${value.text}`;
  // A NULL column would make the comparison NULL, and NOT NULL is NULL: keep leaves two-valued.
  return spec.nullable ? sql`(${spec.column} IS NOT NULL AND ${test})` : sql`(${test})`;
}

/** SQLite GLOB: `*` any run, `?` any character, `[...]` a class; a class of one is a literal. */
export function globPattern(parts: readonly WildcardPart[]): string {
  return parts.map((part) => (part.kind === "any" ? "*" : part.text.replace(/[*?[]/g, (char) => `[${char}]`))).join("");
}

/** PostgreSQL LIKE with ESCAPE '!': `%` any run, `_` any character. */
export function likePattern(parts: readonly WildcardPart[]): string {
  return parts.map((part) => (part.kind === "any" ? "%" : part.text.replace(/[%_!]/g, (char) => `!${char}`))).join("");
}

function compileRange(node: RangeNode): Sql {
  const spec = fieldSpec(node.field, node.fieldPosition);
  if (spec.kind !== "date") {
    throw new QuerySyntaxError(
      `Ranges are only supported on 'date', not on '${node.field}' (position ${node.position})`,
      node.position,
    );
  }
  const conditions: Sql[] = [];
  const lower = bound(node.lower, node.position);
  const upper = bound(node.upper, node.position);
  if (lower) conditions.push(node.lower.inclusive ? sql`${spec.column} >= ${lower.first}` : sql`${spec.column} > ${lower.last}`);
  if (upper) conditions.push(node.upper.inclusive ? sql`${spec.column} <= ${upper.last}` : sql`${spec.column} < ${upper.first}`);
  return conditions.length === 0 ? TRUE : sql`(${join(conditions, " AND ")})`;
}

function bound(value: RangeBound, position: number): DatePeriod | null {
  return value.value === null ? null : datePeriodOrThrow(value.value, position);
}

function compileExists(node: ExistsNode): Sql {
  const spec = fieldSpec(node.field, node.fieldPosition);
  if (spec.kind === "absent") return FALSE;
  return sql`(${spec.column} IS NOT NULL)`;
}

function datePeriodOrThrow(value: string, position: number): DatePeriod {
  const period = parseLogDate(value);
  if (period) return period;
  const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  throw new QuerySyntaxError(
    `Invalid date '${shown}' at position ${position}; use YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 timestamp such as "2024-05-17T10:00:00Z"`,
    position,
  );
}

/** The first and last millisecond a (possibly partial) date stands for. */
export type DatePeriod = { readonly first: Date; readonly last: Date };

const DATE_PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

/**
 * Storable instants: PostgreSQL has no year 0, and SQLite stores dates as ISO text, which stops
 * sorting correctly past year 9999. Bounds are clamped into this window so both agree.
 */
const MIN_TIME = utc(1, 0, 1, 0, 0, 0, 0);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** Parses `2024`, `2024-05`, `2024-05-17`, `2024-05-17T10`, `...T10:30`, `...T10:30:15.123Z`, `...+02:00`. */
export function parseLogDate(value: string): DatePeriod | null {
  const match = DATE_PATTERN.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const ms = fraction === undefined ? 0 : Number(fraction.padEnd(3, "0").slice(0, 3));
  if (year < 1 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(utc(year, month, 0, 0, 0, 0, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  const offset = zoneOffsetMs(zone);
  if (offset === null) return null;

  const start = [year, month - 1, day, hour, minute, second, ms] as const;
  const unit = fraction !== undefined ? 6 : s !== undefined ? 5 : mi !== undefined ? 4 : h !== undefined ? 3 : d !== undefined ? 2 : mo !== undefined ? 1 : 0;
  const next: [number, number, number, number, number, number, number] = [...start];
  next[unit] = start[unit] + 1;
  const first = utc(...start) - offset;
  const end = utc(...next) - offset;
  return { first: new Date(clamp(first)), last: new Date(clamp(end - 1)) };
}

function zoneOffsetMs(zone: string | undefined): number | null {
  if (zone === undefined || zone === "Z" || zone === "z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes) * 60_000;
}

function clamp(time: number): number {
  return Math.min(Math.max(time, MIN_TIME), MAX_TIME);
}
