// Pure tests of the log query compiler: the SQL text and bound values it produces for each dialect,
// its errors, and the date periods. The same queries run against both databases in
// tests/api/logs.db.test.ts.
import { describe, expect, it } from "vitest";
import type { Sql } from "../db/sql.ts";
import { compileLogQuery, globPattern, likePattern, LOG_BARE_TERM_FIELDS, LOG_SEARCH_FIELDS, parseLogDate, type SqlDialect } from "./compile-log-query.ts";
import { parseQuery } from "./parse-query.ts";
import { QuerySyntaxError } from "./query-syntax-error.ts";

const compile = (q: string, dialect: SqlDialect = "sqlite"): Sql => compileLogQuery(parseQuery(q), dialect);

/** SQLite text (`?` placeholders) and values. */
const sqlite = (q: string) => {
  const fragment = compile(q, "sqlite");
  return { sql: fragment.sql, values: fragment.values };
};
/** PostgreSQL text (`$n` placeholders) and values. */
const postgres = (q: string) => {
  const fragment = compile(q, "postgres");
  return { sql: fragment.text, values: fragment.values };
};

function rejection(q: string): QuerySyntaxError {
  try {
    compile(q);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(q)} to be rejected`);
}

const d = (iso: string) => new Date(iso);

describe("compileLogQuery: terms", () => {
  it("compares whole values with = (case-sensitive on both databases), as bound parameters", () => {
    expect(sqlite("type:s")).toEqual({ sql: `("type" = ?)`, values: ["s"] });
    expect(postgres("type:s")).toEqual({ sql: `("type" = $1)`, values: ["s"] });
    expect(sqlite('description:"Wrong password"')).toEqual({
      sql: `("description" IS NOT NULL AND "description" = ?)`,
      values: ["Wrong password"],
    });
  });

  it("guards nullable columns so NOT stays two-valued (NOT x includes events without the field)", () => {
    expect(sqlite("NOT user_id:x")).toEqual({ sql: `(NOT ("user_id" IS NOT NULL AND "user_id" = ?))`, values: ["x"] });
    // type and log_id are NOT NULL columns: no guard needed.
    expect(sqlite("NOT log_id:1")).toEqual({ sql: `(NOT ("log_id" = ?))`, values: ["1"] });
  });

  it("compiles wildcards to GLOB on SQLite and LIKE ... ESCAPE '!' on PostgreSQL", () => {
    expect(sqlite("user_name:Al*")).toEqual({ sql: `("user_name" IS NOT NULL AND "user_name" GLOB ?)`, values: ["Al*"] });
    expect(postgres("user_name:Al*")).toEqual({
      sql: `("user_name" IS NOT NULL AND "user_name" LIKE $1 ESCAPE '!')`,
      values: ["Al%"],
    });
    expect(sqlite("ip:*.0.113.*").values).toEqual(["*.0.113.*"]);
    expect(postgres("client_name:My*App*v2").values).toEqual(["My%App%v2"]);
  });

  it("escapes every pattern metacharacter of the dialect in literal parts", () => {
    const parts = [{ kind: "literal", text: "50%_![x]?*\\" }, { kind: "any" }] as const;
    expect(globPattern(parts)).toBe("50%_![[]x][?][*]\\*");
    expect(likePattern(parts)).toBe("50!%!_!![x]?*\\%");
    expect(sqlite(String.raw`user_name:a\[b\?c\**`).values).toEqual(["a[[]b[?]c[*]*"]);
    expect(postgres(String.raw`user_name:50%_\!*`).values).toEqual(["50!%!_!!%"]);
  });

  it("searches the seven bare-term fields with OR", () => {
    const { sql, values } = sqlite("alice");
    expect(values).toEqual(LOG_BARE_TERM_FIELDS.map(() => "alice"));
    expect(sql).toBe(
      `((${[
        `"client_name" IS NOT NULL AND "client_name" = ?`,
        `"connection" IS NOT NULL AND "connection" = ?`,
        `"description" IS NOT NULL AND "description" = ?`,
        `"ip" IS NOT NULL AND "ip" = ?`,
      ].join(") OR (")}) OR ("log_id" = ?) OR ("type" = ?) OR ("user_name" IS NOT NULL AND "user_name" = ?))`,
    );
    expect(postgres("ali*").values).toEqual(LOG_BARE_TERM_FIELDS.map(() => "ali%"));
  });

  it("accepts every documented field, plus audience and scope", () => {
    expect([...LOG_SEARCH_FIELDS].sort()).toEqual(
      [
        "audience",
        "client_id",
        "client_name",
        "connection",
        "connection_id",
        "date",
        "description",
        "hostname",
        "ip",
        "log_id",
        "organization_id",
        "scope",
        "strategy",
        "strategy_type",
        "type",
        "user_agent",
        "user_id",
        "user_name",
      ].sort(),
    );
    for (const field of LOG_SEARCH_FIELDS) {
      const value = field === "date" ? "2024" : "x";
      for (const dialect of ["sqlite", "postgres"] as const) {
        expect(() => compile(`${field}:${value} OR _exists_:${field}`, dialect)).not.toThrow();
      }
    }
  });

  it("matches nothing for organization_id, which Gatehouse does not store", () => {
    expect(sqlite("organization_id:org_1")).toEqual({ sql: "(1=0)", values: [] });
    expect(sqlite("organization_id:org_*")).toEqual({ sql: "(1=0)", values: [] });
    expect(sqlite("_exists_:organization_id")).toEqual({ sql: "(1=0)", values: [] });
    expect(sqlite("NOT organization_id:org_1")).toEqual({ sql: "(NOT (1=0))", values: [] });
  });
});

describe("compileLogQuery: boolean structure", () => {
  it("parenthesizes AND, OR and NOT as the tree says", () => {
    expect(sqlite("(type:s OR type:f) AND NOT ip:1.2.3.4")).toEqual({
      sql: `((("type" = ?) OR ("type" = ?)) AND (NOT ("ip" IS NOT NULL AND "ip" = ?)))`,
      values: ["s", "f", "1.2.3.4"],
    });
    expect(sqlite("type:(s OR fp)").sql).toBe(`(("type" = ?) OR ("type" = ?))`);
    expect(postgres("+type:s -user_id:a").sql).toBe(`(("type" = $1) AND (NOT ("user_id" IS NOT NULL AND "user_id" = $2)))`);
  });

  it("compiles _exists_ to IS NOT NULL", () => {
    expect(sqlite("_exists_:user_id")).toEqual({ sql: `("user_id" IS NOT NULL)`, values: [] });
    expect(sqlite("NOT _exists_:connection")).toEqual({ sql: `(NOT ("connection" IS NOT NULL))`, values: [] });
  });

  it("never puts a value into the SQL text", () => {
    const hostile = ["x' OR 1=1 --", 'x" OR "1"="1', "x); DROP TABLE log_events; --", "$1", "?", "\\", "%", "_"];
    for (const value of hostile) {
      for (const dialect of ["sqlite", "postgres"] as const) {
        const phrase = compile(`description:"${value.replace(/["\\]/g, "\\$&")}"`, dialect);
        expect(phrase.values).toEqual([value]);
        expect(phrase.sql).toBe(`("description" IS NOT NULL AND "description" = ?)`);
      }
    }
  });

  it("has as many placeholders as values", () => {
    const fragment = compile('(a OR b*) AND NOT (user_id:"x" OR date:[2024 TO 2025}) AND _exists_:ip', "postgres");
    const placeholders = fragment.text.match(/\$\d+/g) ?? [];
    expect(placeholders).toHaveLength(fragment.values.length);
    expect(fragment.values).toHaveLength(7 + 7 + 1 + 2);
  });
});

describe("compileLogQuery: dates", () => {
  it("matches a partial date as its whole period", () => {
    expect(sqlite("date:2024-05")).toEqual({
      sql: `("date" >= ? AND "date" <= ?)`,
      values: [d("2024-05-01T00:00:00.000Z"), d("2024-05-31T23:59:59.999Z")],
    });
    expect(postgres('date:"2024-05-17T10:00:00Z"')).toEqual({
      sql: `("date" >= $1 AND "date" <= $2)`,
      values: [d("2024-05-17T10:00:00.000Z"), d("2024-05-17T10:00:00.999Z")],
    });
  });

  it.each([
    ["date:[2024-05 TO 2024-06]", `("date" >= ? AND "date" <= ?)`, ["2024-05-01T00:00:00.000Z", "2024-06-30T23:59:59.999Z"]],
    ["date:{2024-05 TO 2024-06}", `("date" > ? AND "date" < ?)`, ["2024-05-31T23:59:59.999Z", "2024-06-01T00:00:00.000Z"]],
    ["date:[2024-05 TO 2024-06}", `("date" >= ? AND "date" < ?)`, ["2024-05-01T00:00:00.000Z", "2024-06-01T00:00:00.000Z"]],
    ["date:[* TO 2024-05]", `("date" <= ?)`, ["2024-05-31T23:59:59.999Z"]],
    ["date:{2024 TO *]", `("date" > ?)`, ["2024-12-31T23:59:59.999Z"]],
    ["date:>=2024-05-17", `("date" >= ?)`, ["2024-05-17T00:00:00.000Z"]],
    ["date:<2024-05-17", `("date" < ?)`, ["2024-05-17T00:00:00.000Z"]],
    ["date:[* TO *]", `(1=1)`, []],
  ])("%s", (q, sql, values) => {
    expect(sqlite(q)).toEqual({ sql, values: values.map(d) });
  });
});

describe("parseLogDate", () => {
  it.each([
    ["2024", "2024-01-01T00:00:00.000Z", "2024-12-31T23:59:59.999Z"],
    ["2024-02", "2024-02-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z"],
    ["2023-02", "2023-02-01T00:00:00.000Z", "2023-02-28T23:59:59.999Z"],
    ["2024-12-31", "2024-12-31T00:00:00.000Z", "2024-12-31T23:59:59.999Z"],
    ["2024-05-17T10", "2024-05-17T10:00:00.000Z", "2024-05-17T10:59:59.999Z"],
    ["2024-05-17T10:30", "2024-05-17T10:30:00.000Z", "2024-05-17T10:30:59.999Z"],
    ["2024-05-17T10:30:15", "2024-05-17T10:30:15.000Z", "2024-05-17T10:30:15.999Z"],
    ["2024-05-17T10:30:15.5", "2024-05-17T10:30:15.500Z", "2024-05-17T10:30:15.500Z"],
    ["2024-05-17T10:30:15.123456Z", "2024-05-17T10:30:15.123Z", "2024-05-17T10:30:15.123Z"],
    ["2024-05-17t10:30z", "2024-05-17T10:30:00.000Z", "2024-05-17T10:30:59.999Z"],
    ["2024-05-17T12:00:00+02:00", "2024-05-17T10:00:00.000Z", "2024-05-17T10:00:00.999Z"],
    ["2024-05-17T12:00:00+0200", "2024-05-17T10:00:00.000Z", "2024-05-17T10:00:00.999Z"],
    ["2024-05-17T00:00-05", "2024-05-17T05:00:00.000Z", "2024-05-17T05:00:59.999Z"],
    ["0001", "0001-01-01T00:00:00.000Z", "0001-12-31T23:59:59.999Z"],
    ["0099-03", "0099-03-01T00:00:00.000Z", "0099-03-31T23:59:59.999Z"],
    ["9999", "9999-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z"],
    // Clamped to what both databases store and order correctly.
    ["9999-12-31T23:00-05:00", "9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"],
    ["0001-01-01T00:00+01:00", "0001-01-01T00:00:00.000Z", "0001-01-01T00:00:00.000Z"],
  ])("%s is %s .. %s", (value, first, last) => {
    expect(parseLogDate(value)).toEqual({ first: d(first), last: d(last) });
  });

  it.each([
    "0000",
    "24",
    "20240",
    "2024-5",
    "2024-13",
    "2024-00",
    "2023-02-29",
    "2024-04-31",
    "2024-05-17T24",
    "2024-05-17T10:60",
    "2024-05-17T10:00:60",
    "2024-05-17T10:00:00.",
    "2024-05-17T10:00:00.1234567890",
    "2024-05-17T10:00+24:00",
    "2024-05-17T10:00+02:60",
    "2024-05-17Z",
    "2024-05-17 10:00",
    "2024/05/17",
    "now",
    "now-1d",
    "1715940000000",
    "",
  ])("rejects %j", (value) => {
    expect(parseLogDate(value)).toBeNull();
  });
});

describe("compileLogQuery: errors name the problem and its position", () => {
  it.each([
    ["foo:bar", 0, "Unknown field 'foo' at position 0; logs can be searched by "],
    ["type:s AND Type:s", 11, "Unknown field 'Type' at position 11"],
    ["user_metadata.x:1", 0, "Unknown field 'user_metadata.x' at position 0"],
    ["toString:x", 0, "Unknown field 'toString' at position 0"],
    ["_exists_:email", 9, "Unknown field 'email' at position 9"],
    ["email:(a OR b)", 0, "Unknown field 'email' at position 0"],
    ["ip:[1 TO 2]", 3, "Ranges are only supported on 'date', not on 'ip' (position 3)"],
    ["log_id:>=5", 7, "Ranges are only supported on 'date', not on 'log_id' (position 7)"],
    ["nope:[1 TO 2]", 0, "Unknown field 'nope' at position 0"],
    ["date:2024*", 5, "Wildcards are not supported on 'date' (position 5); use a range such as date:[2024-05-01 TO 2024-05-31]"],
    ["date:2024-13", 5, `Invalid date '2024-13' at position 5; use YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 timestamp such as "2024-05-17T10:00:00Z"`],
    ["type:s OR date:[2024 TO soon]", 15, "Invalid date 'soon' at position 15"],
    [`date:"${"9".repeat(60)}"`, 5, `Invalid date '${"9".repeat(37)}...' at position 5`],
  ])("%s", (q, position, message) => {
    const error = rejection(q);
    expect(error.position).toBe(position);
    expect(error.message.startsWith(message), error.message).toBe(true);
  });

  it("reports the first problem in reading order", () => {
    expect(rejection("a:1 AND b:2").message).toMatch(/^Unknown field 'a'/);
  });
});
