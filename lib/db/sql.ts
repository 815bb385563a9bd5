// Tagged-template SQL with bound parameters (Prisma's sql-template-tag), for the few queries
// Prisma's query builder cannot express identically on SQLite and PostgreSQL (case-sensitive
// pattern matching, for one). Values interpolated with `sql` are always bound parameters; `raw` is
// for fixed SQL text chosen by the code (column names, ASC/DESC), never for user input.
//
// Both generated clients load this same runtime module, so these fragments work with either
// client's $queryRaw.
export { empty, join, raw, Sql, sqltag as sql } from "@prisma/client/runtime/client";
