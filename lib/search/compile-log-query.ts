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
import type { ExistsNode, QueryNode, RangeNode, TermNode, TermValue } from "./ast.ts";
import { dateEquals, dateRangeConditions, parseDatePeriod } from "./date-period.ts";
import { QuerySyntaxError } from "./query-syntax-error.ts";
import { globPattern, likePattern, type SqlDialect } from "./sql-patterns.ts";
import { walk } from "./walk.ts";

export type { DatePeriod } from "./date-period.ts";
export { globPattern, likePattern, type SqlDialect } from "./sql-patterns.ts";
/** The log compiler's name for the shared date parser (date-period.ts). */
export const parseLogDate = parseDatePeriod;

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
      return dateEquals(spec.column, node.value.text, node.position);
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

function compileRange(node: RangeNode): Sql {
  const spec = fieldSpec(node.field, node.fieldPosition);
  if (spec.kind !== "date") {
    throw new QuerySyntaxError(
      `Ranges are only supported on 'date', not on '${node.field}' (position ${node.position})`,
      node.position,
    );
  }
  return dateRangeConditions(spec.column, node) ?? TRUE;
}

function compileExists(node: ExistsNode): Sql {
  const spec = fieldSpec(node.field, node.fieldPosition);
  if (spec.kind === "absent") return FALSE;
  return sql`(${spec.column} IS NOT NULL)`;
}
