// Compiles a parsed user search query (v3, auth0-management-api.md §4) into a SQL predicate over the
// `users` table that gives the same results on SQLite and PostgreSQL. Why a bound SQL fragment and
// not a Prisma where-object: see compile-log-query.ts. Every value is a bound parameter; the only
// SQL text is fixed column names and operators, chosen here.
//
// Fields (§4.6; anything else is rejected naming the field, so a typo never silently matches nothing):
//   user_id, phone_number, last_ip           text, case-sensitive
//   email, name, given_name, family_name,    text, case-insensitive (§4.2): the *_lower column is
//   nickname                                 compared with foldCase(value)
//   username                                 text; stored lower-cased (§2.6), so the value is folded
//                                            too. Auth0 calls username case-sensitive, but against
//                                            lower-cased storage `username:Alice` could never match
//                                            anything there either: folding only turns a certain
//                                            miss into the intended hit.
//   email.domain                             the domain part of the email, case-insensitive
//   email_verified, phone_verified, blocked  booleans (`true`/`false`); blocked is the admin block
//                                            only, never a brute-force block (§7.1)
//   logins_count                             integer: equality and ranges
//   created_at, updated_at, last_login       dates: equality with a (partial) date is its whole
//                                            period; ranges as in compile-log-query.ts (date-period.ts)
//   identities.connection / .provider /      any of the user's identities (primary or linked)
//   .user_id / .isSocial
//   organization_id                          Gatehouse has no organizations: matches nothing
//   user_metadata.<path>, app_metadata.<path> the indexed leaves (user_metadata_values): dotted
//                                            paths, array levels skipped (`addresses.city` matches
//                                            any element's city)
//
// Values (§4.2): never tokenized; a word and a phrase both match the whole value. Metadata text is
// case-sensitive. A metadata value that reads as a number also matches the number leaf (`13`
// matches 13 and "13"), and `true`/`false` also match boolean leaves, as Elasticsearch's typed
// fields do. Metadata strings are indexed by their first 511 characters (metadata-index.ts), so
// longer values are rejected rather than half-compared.
//
// Bare terms (no field) search the normalized root fields, never metadata (§4.2): user_id, email,
// name, given_name, family_name, nickname and username (OR). user_id takes part in exact and prefix
// matches only: ids are opaque, and a fragment in their middle would cost a scan of every user.
//
// Wildcards (`*`, §4.4; the parser has rejected `?`, a lone `*` and leading-wildcard literals under
// 3 characters): allowed on every text field, on identities.* and on app_metadata values; not on
// user_metadata (§4.4), booleans, numbers or dates. Shapes:
//   prefix `jo*`, `jane*smith`   SQLite: GLOB on the column (the GLOB optimization turns the leading
//                                literal into an index range). PostgreSQL: LIKE ... ESCAPE '!' (the
//                                pg_trgm GIN index serves it).
//   leading `*john*`, `*usa`     SQLite: the users_trigram FTS5 table narrows the users to those
//                                whose column holds every literal of >= 3 characters
//                                (search_key IN (SELECT rowid ... MATCH 'col : "lit"')), and GLOB
//                                re-checks the exact pattern on those rows. PostgreSQL: LIKE (GIN).
//
// Ranges (§4.5): logins_count, the dates, and numbers in app_metadata. Not on user_metadata (§4.5).
// app_metadata: current Auth0 docs restrict wildcards and ranges on user_metadata only (§11); both
// metadata objects are indexed alike here, and app_metadata is written by administrators only, so
// its wildcards and numeric ranges are allowed: they are bounded by the (source, path, value) index.
//
// `_exists_:field` is "the user's representation has the field" (present-user.ts): email_verified
// exists with an email, phone_verified with a phone number, blocked only when true (Gatehouse omits
// `blocked: false`), logins_count, created_at, updated_at and user_id always; for metadata, any
// indexed leaf at that path or below (null, [] and {} are not indexed, §4.6).
//
// Boolean logic is two-valued: every leaf is TRUE or FALSE, never SQL NULL, so `NOT name:x` includes
// users without a name, as in Lucene.
import { join, raw, sql, type Sql } from "../db/sql.ts";
import { MAX_INDEXED_TEXT } from "../services/users/metadata-index.ts";
import { foldCase } from "../services/users/user-search-columns.ts";
import { isLeafNode, type ExistsNode, type LeafNode, type OrNode, type QueryNode, type RangeNode, type TermNode, type TermValue, type WildcardPart } from "./ast.ts";
import { dateEquals, dateRangeConditions } from "./date-period.ts";
import { QuerySyntaxError } from "./query-syntax-error.ts";
import { escapeGlob, escapeLike, globPattern, likePattern, type SqlDialect } from "./sql-patterns.ts";
import { walk } from "./walk.ts";

export type { SqlDialect } from "./sql-patterns.ts";

type TextField = {
  readonly kind: "text";
  readonly column: string;
  /** Compare folded values with a lower-cased column. */
  readonly fold: boolean;
  readonly nullable: boolean;
  /** The users_trigram column holding this column's text (SQLite leading wildcards), if any. */
  readonly trigram: string | null;
};
type FieldSpec =
  | TextField
  /** email.domain: text on email_domain; leading wildcards are narrowed through email_lower. */
  | { readonly kind: "email-domain" }
  /** `guard`: what a term on the field also needs (email_verified is only shown with an email). */
  | { readonly kind: "bool"; readonly column: string; readonly exists: Sql; readonly guard: Sql | null }
  | { readonly kind: "int"; readonly column: string }
  | { readonly kind: "date"; readonly column: string; readonly nullable: boolean }
  | { readonly kind: "identity"; readonly attribute: "connection" | "provider" | "user_id" | "isSocial" }
  /** A field Auth0 has and Gatehouse never stores: no user has a value for it. */
  | { readonly kind: "absent" };

const TRUE = sql`(1=1)`;
const FALSE = sql`(1=0)`;

const column = (name: string): Sql => raw(`"users"."${name}"`);
const text = (name: string, options: { fold?: boolean; nullable?: boolean; trigram?: boolean } = {}): TextField => ({
  kind: "text",
  column: name,
  fold: options.fold ?? false,
  nullable: options.nullable ?? true,
  trigram: options.trigram ? name : null,
});

const HAS_EMAIL = sql`("users"."email_lower" IS NOT NULL)`;
const HAS_PHONE = sql`("users"."phone_number" IS NOT NULL)`;

const FIELDS: ReadonlyMap<string, FieldSpec> = new Map<string, FieldSpec>([
  ["user_id", text("user_id", { nullable: false })],
  ["email", text("email_lower", { fold: true, trigram: true })],
  ["email_verified", { kind: "bool", column: "email_verified", exists: HAS_EMAIL, guard: HAS_EMAIL }],
  ["username", text("username", { fold: true, trigram: true })],
  ["phone_number", text("phone_number")],
  ["phone_verified", { kind: "bool", column: "phone_verified", exists: HAS_PHONE, guard: HAS_PHONE }],
  ["name", text("name_lower", { fold: true, trigram: true })],
  ["given_name", text("given_name_lower", { fold: true, trigram: true })],
  ["family_name", text("family_name_lower", { fold: true, trigram: true })],
  ["nickname", text("nickname_lower", { fold: true, trigram: true })],
  ["logins_count", { kind: "int", column: "logins_count" }],
  ["created_at", { kind: "date", column: "created_at", nullable: false }],
  ["updated_at", { kind: "date", column: "updated_at", nullable: false }],
  ["last_login", { kind: "date", column: "last_login", nullable: true }],
  ["last_ip", text("last_ip")],
  ["blocked", { kind: "bool", column: "blocked", exists: sql`("users"."blocked" = ${true})`, guard: null }],
  ["email.domain", { kind: "email-domain" }],
  ["identities.connection", { kind: "identity", attribute: "connection" }],
  ["identities.provider", { kind: "identity", attribute: "provider" }],
  ["identities.user_id", { kind: "identity", attribute: "user_id" }],
  ["identities.isSocial", { kind: "identity", attribute: "isSocial" }],
  ["organization_id", { kind: "absent" }],
]);

const METADATA_SOURCES = { user_metadata: "user", app_metadata: "app" } as const;
type MetadataField = keyof typeof METADATA_SOURCES;

/** The fields a user query may name (metadata fields are `user_metadata.<path>` / `app_metadata.<path>`). */
export const USER_SEARCH_FIELDS: readonly string[] = [...FIELDS.keys(), "user_metadata.*", "app_metadata.*"];

/** The fields a term without a field searches (§4.2: normalized root fields, never metadata). */
export const USER_BARE_TERM_FIELDS = ["user_id", "email", "name", "given_name", "family_name", "nickname", "username"] as const;

const BARE_TERM_SPECS = USER_BARE_TERM_FIELDS.map((name) => FIELDS.get(name) as TextField);

/** Metadata strings are indexed up to this many characters (exclusive): longer ones are cut. */
const MAX_METADATA_TEXT = MAX_INDEXED_TEXT - 1;

const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A SQL predicate (always parenthesized) over `"users"` that is true for the users the query matches. */
export function compileUserQuery(query: QueryNode, dialect: SqlDialect): Sql {
  return walk<Sql>(query, {
    and: (_node, children) => sql`(${join(children, " AND ")})`,
    or: (node, children) => sql`(${join(dialect === "sqlite" ? shareTrigramLookup(node, children) : children, " OR ")})`,
    not: (_node, child) => sql`(NOT ${child})`,
    term: (node) => compileTerm(node, dialect),
    range: (node) => compileRange(node),
    exists: (node) => compileExists(node, dialect),
  });
}

/**
 * A COUNT statement (one row, column `n`) for the users `query` matches. A query that is a single
 * metadata or identity clause is counted in its own table, as distinct user_ids: every row there
 * belongs to an existing user (foreign keys), so the number is the same, and the count reads one
 * index range instead of visiting each matching user.
 */
export function compileUserCount(query: QueryNode, dialect: SqlDialect): Sql {
  const membership = isLeafNode(query) ? leafMembership(query, dialect) : null;
  if (!membership) return sql`SELECT COUNT(*) AS "n" FROM "users" WHERE ${compileUserQuery(query, dialect)}`;
  const [only, ...more] = membership.arms;
  if (only && more.length === 0) return sql`SELECT COUNT(DISTINCT ${membership.userId}) AS "n" FROM ${membership.from} WHERE ${only}`;
  return sql`SELECT COUNT(*) AS "n" FROM (${armsSelect(membership, " UNION ")}) AS "matches"`;
}

/**
 * For a query that is a single metadata clause: the SELECT of one page of matching user_ids in
 * user_id order (column `user_id`), read from user_metadata_values alone (foreign keys make every
 * user_id there an existing user). Each arm is read in user_id order and cut at offset + limit
 * before the arms are merged: with the (source, path, value_*, user_id) indexes an exact value's
 * entries are already in user_id order, so a page costs the page, not the whole match. `after` is
 * a keyset cursor (exclusive). Null for every other query: those read the users table.
 */
export function compileMetadataPage(
  query: QueryNode,
  dialect: SqlDialect,
  page: { direction: "asc" | "desc"; after?: string; limit: number; offset: number },
): Sql | null {
  const membership = isLeafNode(query) ? leafMembership(query, dialect) : null;
  if (!membership || membership.from !== METADATA) return null;
  const direction = raw(page.direction === "asc" ? "ASC" : "DESC");
  const compare = raw(page.direction === "asc" ? ">" : "<");
  const where = (arm: Sql) => (page.after === undefined ? arm : sql`${arm} AND "m"."user_id" ${compare} ${page.after}`);
  const [only, ...more] = membership.arms;
  if (only && more.length === 0) {
    return sql`SELECT DISTINCT "m"."user_id" AS "user_id" FROM ${METADATA} WHERE ${where(only)} ORDER BY 1 ${direction} LIMIT ${page.limit} OFFSET ${page.offset}`;
  }
  const arms = membership.arms.map(
    (arm, index) =>
      sql`SELECT "user_id" FROM (SELECT DISTINCT "m"."user_id" AS "user_id" FROM ${METADATA} WHERE ${where(arm)} ORDER BY 1 ${direction} LIMIT ${page.offset + page.limit}) AS ${raw(`"arm${index}"`)}`,
  );
  return sql`SELECT "user_id" FROM (${join(arms, " UNION ")}) AS "matches" ORDER BY "user_id" ${direction} LIMIT ${page.limit} OFFSET ${page.offset}`;
}

/** Users with an identity in the named connection (the `connection` parameter of GET /users). */
export function userInConnection(name: string): Sql {
  return identityIn(sql`"ui"."connection_id" IN (SELECT "c"."id" FROM "connections" AS "c" WHERE "c"."name" = ${name})`);
}

/**
 * A clause answered by another table: the users whose user_id appears in `from` where any of the
 * arms holds. Arms are separate SELECTs joined by UNION (ALL), not one OR, so each reads its own
 * index range and stays index-only on SQLite (its multi-index OR fetches every row).
 */
type Membership = { readonly from: Sql; readonly userId: Sql; readonly arms: readonly Sql[] };

const IDENTITIES = raw(`"user_identities" AS "ui"`);
const IDENTITY_USER = raw(`"ui"."user_id"`);
const METADATA = raw(`"user_metadata_values" AS "m"`);
const METADATA_USER = raw(`"m"."user_id"`);

function armsSelect(membership: Membership, union: " UNION " | " UNION ALL "): Sql {
  return join(
    membership.arms.map((arm) => sql`SELECT ${membership.userId} FROM ${membership.from} WHERE ${arm}`),
    union,
  );
}

function within(membership: Membership): Sql {
  return sql`("users"."user_id" IN (${armsSelect(membership, " UNION ALL ")}))`;
}

/** The membership form of a metadata or identity clause; null for clauses on the users table. */
function leafMembership(node: LeafNode, dialect: SqlDialect): Membership | null {
  if (node.kind === "term" && node.field === null) return null;
  const metadata = metadataField(node.field!);
  if (metadata) {
    if (node.kind === "term") return metadataTerm(metadata, node, dialect);
    if (node.kind === "range") return metadataRange(metadata, node);
    return metadataExists(metadata, dialect);
  }
  if (node.kind === "exists" && node.field === "identities") return identityMembership(TRUE);
  const spec = FIELDS.get(node.field!);
  if (spec?.kind !== "identity") return null;
  if (node.kind === "exists") return identityMembership(TRUE);
  if (node.kind === "term") return identityTerm(spec.attribute, node, dialect);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Fields

function metadataField(name: string): { source: "user" | "app"; root: MetadataField; path: string } | null {
  for (const root of Object.keys(METADATA_SOURCES) as MetadataField[]) {
    if (name === root) return { source: METADATA_SOURCES[root], root, path: "" };
    if (name.startsWith(`${root}.`)) return { source: METADATA_SOURCES[root], root, path: name.slice(root.length + 1) };
  }
  return null;
}

function fieldSpec(name: string, position: number): FieldSpec {
  const spec = FIELDS.get(name);
  if (spec) return spec;
  if (name === "identities") {
    throw new QuerySyntaxError(
      `Name an identity attribute at position ${position}: identities.connection, identities.provider, identities.user_id or identities.isSocial`,
      position,
    );
  }
  throw new QuerySyntaxError(
    `Unknown field '${name}' at position ${position}; users can be searched by ${USER_SEARCH_FIELDS.join(", ")}`,
    position,
  );
}

// ---------------------------------------------------------------------------------------------
// Terms

function compileTerm(node: TermNode, dialect: SqlDialect): Sql {
  if (node.field === null) return bareTerm(node.value, dialect);
  const position = node.fieldPosition ?? node.position;
  const metadata = metadataField(node.field);
  if (metadata) return within(metadataTerm(metadata, node, dialect));
  const spec = fieldSpec(node.field, position);
  switch (spec.kind) {
    case "absent":
      return FALSE;
    case "text":
      return userText(spec, node.value, dialect);
    case "email-domain":
      return emailDomain(node.value, dialect);
    case "bool": {
      const test = sql`${column(spec.column)} = ${booleanValue(node, node.field)}`;
      return spec.guard ? sql`(${spec.guard} AND ${test})` : sql`(${test})`;
    }
    case "int": {
      const value = numberValue(node, node.field);
      // A count is never fractional; binding a fraction to an integer column fails on PostgreSQL.
      if (!Number.isInteger(value)) return FALSE;
      if (value < INT_MIN || value > INT_MAX) return FALSE;
      return sql`(${column(spec.column)} = ${value})`;
    }
    case "date": {
      if (node.value.kind === "wildcard") {
        throw new QuerySyntaxError(
          `Wildcards are not supported on '${node.field}' (position ${node.position}); use a range such as ${node.field}:[2024-05-01 TO 2024-05-31]`,
          node.position,
        );
      }
      const test = dateEquals(column(spec.column), node.value.text, node.position);
      return spec.nullable ? sql`(${column(spec.column)} IS NOT NULL AND ${test})` : test;
    }
    case "identity":
      return within(identityTerm(spec.attribute, node, dialect));
  }
}

function booleanValue(node: TermNode, field: string): boolean {
  if (node.value.kind !== "wildcard" && (node.value.text === "true" || node.value.text === "false")) return node.value.text === "true";
  throw new QuerySyntaxError(`'${field}' is true or false (position ${node.position})`, node.position);
}

function numberValue(node: TermNode, field: string): number {
  if (node.value.kind !== "wildcard" && NUMBER.test(node.value.text)) {
    const value = Number(node.value.text);
    if (Number.isFinite(value)) return value;
  }
  throw new QuerySyntaxError(
    `'${field}' is a number (position ${node.position}); use a range such as ${field}:[10 TO *] for comparisons`,
    node.position,
  );
}

/** Folds the literal parts of a pattern (wildcards stay wildcards). */
function foldParts(parts: readonly WildcardPart[]): WildcardPart[] {
  return parts.map((part) => (part.kind === "literal" ? { kind: "literal", text: foldCase(part.text) } : part));
}

/** Equality or pattern test of one column, without a NULL guard (the caller adds one where needed). */
function matchColumn(target: Sql, value: TermValue, dialect: SqlDialect, fold: boolean): Sql {
  if (value.kind !== "wildcard") return sql`${target} = ${fold ? foldCase(value.text) : value.text}`;
  const parts = fold ? foldParts(value.parts) : value.parts;
  return dialect === "sqlite" ? sql`${target} GLOB ${globPattern(parts)}` : sql`${target} LIKE ${likePattern(parts)} ESCAPE '!'`;
}

/** The literals of a leading-wildcard pattern that the trigram index can look up (>= 3 characters). */
function trigramLiterals(parts: readonly WildcardPart[]): string[] {
  return parts.flatMap((part) => (part.kind === "literal" && [...part.text].length >= 3 ? [part.text] : []));
}

/** FTS5 query text: each literal a phrase (quotes doubled), in `column` or in any column. */
function trigramMatch(literals: readonly string[], ftsColumn: string | null): string {
  return literals.map((literal) => `${ftsColumn ? `${ftsColumn} : ` : ""}"${literal.replaceAll('"', '""')}"`).join(" AND ");
}

function inTrigram(match: string): Sql {
  return sql`"users"."search_key" IN (SELECT "rowid" FROM "users_trigram" WHERE "users_trigram" MATCH ${match})`;
}

const leadingWildcard = (value: TermValue): value is TermValue & { kind: "wildcard" } =>
  value.kind === "wildcard" && value.parts[0]?.kind === "any";

function userText(spec: TextField, value: TermValue, dialect: SqlDialect): Sql {
  const target = column(spec.column);
  let test = matchColumn(target, value, dialect, spec.fold);
  if (dialect === "sqlite" && spec.trigram && leadingWildcard(value)) {
    const literals = trigramLiterals(spec.fold ? foldParts(value.parts) : value.parts);
    if (literals.length > 0) test = sql`${inTrigram(trigramMatch(literals, spec.trigram))} AND ${test}`;
  }
  // A NULL column would make the comparison NULL, and NOT NULL is NULL: keep leaves two-valued.
  return spec.nullable ? sql`(${target} IS NOT NULL AND ${test})` : sql`(${test})`;
}

/**
 * SQLite: the leading-wildcard text terms of one OR (`email:*ted* OR name:*ted* OR username:*ted*`,
 * the dashboard's plain-text search) narrowed by ONE users_trigram lookup over their columns, then
 * each term's own test. Separately, each term looks its matches up in users again (multi-index OR):
 * a user matching in two columns is read twice, and at 40k matches that is the request's cost. The
 * lookup matches every user any of the terms matches (each term's literals in its own column), so
 * the OR is unchanged. `children`: the compiled children, in order; returns the OR's operands.
 */
function shareTrigramLookup(node: OrNode, children: readonly Sql[]): Sql[] {
  const shared: { index: number; match: string; test: Sql }[] = [];
  node.children.forEach((child, index) => {
    if (child.kind !== "term" || child.field === null || metadataField(child.field)) return;
    const spec = FIELDS.get(child.field);
    if (spec?.kind !== "text" || !spec.trigram || !leadingWildcard(child.value)) return;
    const literals = trigramLiterals(spec.fold ? foldParts(child.value.parts) : child.value.parts);
    if (literals.length === 0) return;
    const target = column(spec.column);
    const test = matchColumn(target, child.value, "sqlite", spec.fold);
    shared.push({ index, match: `(${trigramMatch(literals, spec.trigram)})`, test: spec.nullable ? sql`(${target} IS NOT NULL AND ${test})` : sql`(${test})` });
  });
  if (shared.length < 2) return [...children];
  const merged = sql`(${inTrigram(shared.map((term) => term.match).join(" OR "))} AND (${join(shared.map((term) => term.test), " OR ")}))`;
  const done = new Set(shared.map((term) => term.index));
  return [merged, ...children.filter((_, index) => !done.has(index))];
}

function bareTerm(value: TermValue, dialect: SqlDialect): Sql {
  const leading = leadingWildcard(value);
  const specs = leading ? BARE_TERM_SPECS.filter((spec) => spec.column !== "user_id") : BARE_TERM_SPECS;
  const tests = specs.map((spec) => {
    const target = column(spec.column);
    const test = matchColumn(target, value, dialect, spec.fold);
    return spec.nullable ? sql`(${target} IS NOT NULL AND ${test})` : sql`(${test})`;
  });
  const any = sql`(${join(tests, " OR ")})`;
  if (dialect !== "sqlite" || !leading) return any;
  // Every searched column is in users_trigram: one lookup over all of its columns narrows the rows.
  const literals = trigramLiterals(foldParts(value.parts));
  return literals.length > 0 ? sql`(${inTrigram(trigramMatch(literals, null))} AND ${any})` : any;
}

function emailDomain(value: TermValue, dialect: SqlDialect): Sql {
  const domain = column("email_domain");
  const test = matchColumn(domain, value, dialect, true);
  if (!leadingWildcard(value)) return sql`(${domain} IS NOT NULL AND ${test})`;
  // The domain is the end of email_lower, after an `@`: whatever the domain contains, the email
  // contains too, so email_lower's trigram index narrows the rows and email_domain decides.
  const parts = foldParts(value.parts);
  if (dialect === "postgres") {
    return sql`(${domain} IS NOT NULL AND ${column("email_lower")} LIKE ${`%@${likePattern(parts)}`} ESCAPE '!' AND ${test})`;
  }
  const literals = trigramLiterals(parts);
  if (literals.length === 0) return sql`(${domain} IS NOT NULL AND ${test})`;
  return sql`(${domain} IS NOT NULL AND ${inTrigram(trigramMatch(literals, "email_lower"))} AND ${test})`;
}

function identityMembership(where: Sql): Membership {
  return { from: IDENTITIES, userId: IDENTITY_USER, arms: [where] };
}

function identityIn(where: Sql): Sql {
  return within(identityMembership(where));
}

function identityTerm(attribute: "connection" | "provider" | "user_id" | "isSocial", node: TermNode, dialect: SqlDialect): Membership {
  switch (attribute) {
    case "connection":
      return identityMembership(
        sql`"ui"."connection_id" IN (SELECT "c"."id" FROM "connections" AS "c" WHERE ${matchColumn(raw(`"c"."name"`), node.value, dialect, false)})`,
      );
    case "provider":
      return identityMembership(matchColumn(raw(`"ui"."provider"`), node.value, dialect, false));
    case "user_id":
      return identityMembership(matchColumn(raw(`"ui"."provider_user_id"`), node.value, dialect, false));
    case "isSocial":
      return identityMembership(sql`"ui"."is_social" = ${booleanValue(node, "identities.isSocial")}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Metadata

/** Leaves of `source` where any alternative holds; each alternative is served by a (source, path, value_*) index. */
function metadataIn(source: "user" | "app", alternatives: readonly Sql[]): Membership {
  return { from: METADATA, userId: METADATA_USER, arms: alternatives.map((alternative) => sql`"m"."source" = ${source} AND ${alternative}`) };
}

function requirePath(metadata: { root: MetadataField; path: string }, position: number): void {
  if (metadata.path === "") {
    throw new QuerySyntaxError(
      `Name a key of ${metadata.root} at position ${position}, e.g. ${metadata.root}.plan:"gold"; only _exists_:${metadata.root} takes the whole object`,
      position,
    );
  }
}

function checkMetadataText(textValue: string, position: number): void {
  if (textValue.length > MAX_METADATA_TEXT) {
    throw new QuerySyntaxError(
      `Metadata values are searchable up to ${MAX_METADATA_TEXT} characters; the value at position ${position} has ${textValue.length}`,
      position,
    );
  }
}

function metadataTerm(metadata: { source: "user" | "app"; root: MetadataField; path: string }, node: TermNode, dialect: SqlDialect): Membership {
  const position = node.fieldPosition ?? node.position;
  requirePath(metadata, position);
  const path = sql`"m"."path" = ${metadata.path}`;
  const value = node.value;
  if (value.kind === "wildcard") {
    if (metadata.source === "user") {
      throw new QuerySyntaxError(
        `Wildcards are not supported on user_metadata fields (position ${node.position}); search an exact value, e.g. ${node.field}:"value"`,
        node.position,
      );
    }
    checkMetadataText(value.parts.map((part) => (part.kind === "literal" ? part.text : "*")).join(""), node.position);
    return metadataIn(metadata.source, [sql`${path} AND ${matchColumn(raw(`"m"."value_text"`), value, dialect, false)}`]);
  }
  checkMetadataText(value.text, node.position);
  const alternatives = [sql`${path} AND "m"."value_text" = ${value.text}`];
  if (NUMBER.test(value.text) && Number.isFinite(Number(value.text))) {
    alternatives.push(sql`${path} AND "m"."value_number" = ${Number(value.text)}`);
  }
  if (value.text === "true" || value.text === "false") {
    alternatives.push(sql`${path} AND "m"."value_bool" = ${value.text === "true"}`);
  }
  return metadataIn(metadata.source, alternatives);
}

function metadataRange(metadata: { source: "user" | "app"; root: MetadataField; path: string }, node: RangeNode): Membership {
  if (metadata.source === "user") {
    throw new QuerySyntaxError(
      `Ranges are not supported on user_metadata fields (position ${node.position}); search an exact value, e.g. ${node.field}:13`,
      node.position,
    );
  }
  requirePath(metadata, node.fieldPosition);
  const bound = (value: string | null): number | null => {
    if (value === null) return null;
    const number = Number(value);
    if (NUMBER.test(value) && Number.isFinite(number)) return number;
    throw new QuerySyntaxError(
      `Ranges on app_metadata compare numbers; '${value.length > 40 ? `${value.slice(0, 37)}...` : value}' at position ${node.position} is not a number`,
      node.position,
    );
  };
  const lower = bound(node.lower.value);
  const upper = bound(node.upper.value);
  const conditions = [sql`"m"."path" = ${metadata.path}`, sql`"m"."value_number" IS NOT NULL`];
  if (lower !== null) conditions.push(node.lower.inclusive ? sql`"m"."value_number" >= ${lower}` : sql`"m"."value_number" > ${lower}`);
  if (upper !== null) conditions.push(node.upper.inclusive ? sql`"m"."value_number" <= ${upper}` : sql`"m"."value_number" < ${upper}`);
  return metadataIn(metadata.source, [join(conditions, " AND ")]);
}

function metadataExists(metadata: { source: "user" | "app"; path: string }, dialect: SqlDialect): Membership {
  if (metadata.path === "") return metadataIn(metadata.source, [TRUE]);
  const below =
    dialect === "sqlite"
      ? sql`"m"."path" GLOB ${`${escapeGlob(metadata.path)}.*`}`
      : sql`"m"."path" LIKE ${`${escapeLike(metadata.path)}.%`} ESCAPE '!'`;
  return metadataIn(metadata.source, [sql`"m"."path" = ${metadata.path}`, below]);
}

// ---------------------------------------------------------------------------------------------
// Ranges and _exists_

function compileRange(node: RangeNode): Sql {
  const metadata = metadataField(node.field);
  if (metadata) return within(metadataRange(metadata, node));
  const spec = fieldSpec(node.field, node.fieldPosition);
  if (spec.kind === "date") {
    const conditions = dateRangeConditions(column(spec.column), node);
    const present = spec.nullable ? sql`${column(spec.column)} IS NOT NULL` : null;
    if (conditions === null) return present ? sql`(${present})` : TRUE;
    return present ? sql`(${present} AND ${conditions})` : conditions;
  }
  if (spec.kind === "int") return integerRange(spec.column, node);
  throw new QuerySyntaxError(
    `Ranges are supported on logins_count, created_at, updated_at, last_login and app_metadata numbers, not on '${node.field}' (position ${node.position})`,
    node.position,
  );
}

/** An integer column within a range whose bounds may be any numbers: `{1.5 TO 4]` is 2..4. */
function integerRange(name: string, node: RangeNode): Sql {
  const bound = (value: string | null): number | null => {
    if (value === null) return null;
    const number = Number(value);
    if (NUMBER.test(value) && Number.isFinite(number)) return number;
    throw new QuerySyntaxError(`'${node.field}' is a number; the range bound at position ${node.position} is not`, node.position);
  };
  const lowerValue = bound(node.lower.value);
  const upperValue = bound(node.upper.value);
  let lowest = lowerValue === null ? INT_MIN : node.lower.inclusive ? Math.ceil(lowerValue) : Math.floor(lowerValue) + 1;
  let highest = upperValue === null ? INT_MAX : node.upper.inclusive ? Math.floor(upperValue) : Math.ceil(upperValue) - 1;
  if (lowest > highest || lowest > INT_MAX || highest < INT_MIN) return FALSE;
  lowest = Math.max(lowest, INT_MIN);
  highest = Math.min(highest, INT_MAX);
  const conditions: Sql[] = [];
  if (lowerValue !== null && lowest > INT_MIN) conditions.push(sql`${column(name)} >= ${lowest}`);
  if (upperValue !== null && highest < INT_MAX) conditions.push(sql`${column(name)} <= ${highest}`);
  return conditions.length === 0 ? TRUE : sql`(${join(conditions, " AND ")})`;
}

function compileExists(node: ExistsNode, dialect: SqlDialect): Sql {
  const metadata = metadataField(node.field);
  if (metadata) return within(metadataExists(metadata, dialect));
  if (node.field === "identities") return identityIn(TRUE);
  const spec = fieldSpec(node.field, node.fieldPosition);
  switch (spec.kind) {
    case "absent":
      return FALSE;
    case "text":
      return spec.nullable ? sql`(${column(spec.column)} IS NOT NULL)` : TRUE;
    case "email-domain":
      return sql`(${column("email_domain")} IS NOT NULL)`;
    case "bool":
      return spec.exists;
    case "int":
      return TRUE;
    case "date":
      return spec.nullable ? sql`(${column(spec.column)} IS NOT NULL)` : TRUE;
    case "identity":
      return identityIn(TRUE);
  }
}
