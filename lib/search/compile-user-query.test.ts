// Pure tests of the user query compiler: the SQL shapes it produces for each dialect (the ones the
// indexes are built for), its bound values and its errors. Every query's results are checked
// against both databases in tests/api/users-search.db.test.ts.
import { describe, expect, it } from "vitest";
import type { Sql } from "../db/sql.ts";
import { compileUserCount, compileUserQuery, USER_BARE_TERM_FIELDS, USER_SEARCH_FIELDS, userInConnection, type SqlDialect } from "./compile-user-query.ts";
import { parseQuery } from "./parse-query.ts";
import { QuerySyntaxError } from "./query-syntax-error.ts";

const compile = (q: string, dialect: SqlDialect): Sql => compileUserQuery(parseQuery(q), dialect);
const sqlite = (q: string) => {
  const fragment = compile(q, "sqlite");
  return { sql: fragment.sql, values: fragment.values };
};
const postgres = (q: string) => {
  const fragment = compile(q, "postgres");
  return { sql: fragment.text, values: fragment.values };
};

function rejection(q: string, dialect: SqlDialect = "sqlite"): QuerySyntaxError {
  try {
    compile(q, dialect);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(q)} to be rejected`);
}

describe("compileUserQuery: text fields", () => {
  it("compares case-insensitive fields through their lower-cased column, with the value folded", () => {
    expect(sqlite('email:"John@Example.COM"')).toEqual({
      sql: `("users"."email_lower" IS NOT NULL AND "users"."email_lower" = ?)`,
      values: ["john@example.com"],
    });
    expect(postgres("name:Élodie").values).toEqual(["élodie"]);
    expect(sqlite("username:Alice").values).toEqual(["alice"]);
  });

  it("keeps case-sensitive fields as written", () => {
    expect(sqlite("user_id:auth0|ABC")).toEqual({ sql: `("users"."user_id" = ?)`, values: ["auth0|ABC"] });
    expect(sqlite("phone_number:+1555").values).toEqual(["+1555"]);
  });

  it("compiles a prefix to GLOB (an index range) on SQLite and LIKE on PostgreSQL", () => {
    expect(sqlite("name:Jo*")).toEqual({ sql: `("users"."name_lower" IS NOT NULL AND "users"."name_lower" GLOB ?)`, values: ["jo*"] });
    expect(postgres("name:Jo*")).toEqual({
      sql: `("users"."name_lower" IS NOT NULL AND "users"."name_lower" LIKE $1 ESCAPE '!')`,
      values: ["jo%"],
    });
    expect(sqlite("name:jane*smith").values).toEqual(["jane*smith"]);
  });

  it("narrows leading wildcards through the users_trigram FTS5 table on SQLite, then re-checks the pattern", () => {
    expect(sqlite("name:*John*")).toEqual({
      sql:
        `("users"."name_lower" IS NOT NULL AND "users"."search_key" IN (SELECT "rowid" FROM "users_trigram" WHERE "users_trigram" MATCH ?)` +
        ` AND "users"."name_lower" GLOB ?)`,
      values: ['name_lower : "john"', "*john*"],
    });
    // Every literal of >= 3 characters is looked up; shorter ones only in the re-check.
    expect(sqlite("name:*smi*th*ab*").values).toEqual(['name_lower : "smi"', "*smi*th*ab*"]);
    expect(sqlite("email:*exa*ple.com").values).toEqual(['email_lower : "exa" AND email_lower : "ple.com"', "*exa*ple.com"]);
    // Quotes inside an FTS5 phrase are doubled; GLOB's own metacharacters are escaped.
    expect(sqlite('name:*\\"x\\"y*').values).toEqual(['name_lower : """x""y"', '*"x"y*']);
    expect(sqlite("nickname:*a\\*b\\?c\\[*").values).toEqual(['nickname_lower : "a*b?c["', "*a[*]b[?]c[[]*"]);
    // PostgreSQL: one LIKE, served by the pg_trgm GIN index.
    expect(postgres("name:*john*")).toEqual({
      sql: `("users"."name_lower" IS NOT NULL AND "users"."name_lower" LIKE $1 ESCAPE '!')`,
      values: ["%john%"],
    });
    expect(postgres("name:*50%_\\!x*").values).toEqual(["%50!%!_!!x%"]);
  });

  it("scans for leading wildcards on fields without a trigram column", () => {
    expect(sqlite("last_ip:*.0.113.*")).toEqual({ sql: `("users"."last_ip" IS NOT NULL AND "users"."last_ip" GLOB ?)`, values: ["*.0.113.*"] });
  });

  it("guards nullable columns so NOT stays two-valued", () => {
    expect(sqlite("NOT name:x").sql).toBe(`(NOT ("users"."name_lower" IS NOT NULL AND "users"."name_lower" = ?))`);
  });

  it("searches email.domain case-insensitively, narrowing leading wildcards through the email", () => {
    expect(sqlite("email.domain:Example.com")).toEqual({
      sql: `("users"."email_domain" IS NOT NULL AND "users"."email_domain" = ?)`,
      values: ["example.com"],
    });
    expect(sqlite("email.domain:*.org").values).toEqual(['email_lower : ".org"', "*.org"]);
    expect(postgres("email.domain:*.org")).toEqual({
      sql: `("users"."email_domain" IS NOT NULL AND "users"."email_lower" LIKE $1 ESCAPE '!' AND "users"."email_domain" LIKE $2 ESCAPE '!')`,
      values: ["%@%.org", "%.org"],
    });
  });
});

describe("compileUserQuery: bare terms", () => {
  it("searches the normalized root fields with OR, never metadata", () => {
    expect(USER_BARE_TERM_FIELDS).toEqual(["user_id", "email", "name", "given_name", "family_name", "nickname", "username"]);
    const { sql, values } = sqlite("Jane");
    expect(values).toEqual(["Jane", "jane", "jane", "jane", "jane", "jane", "jane"]);
    expect(sql).not.toContain("user_metadata_values");
  });

  it("uses one trigram lookup over all columns for a leading wildcard, and leaves user_id out of it", () => {
    const { sql, values } = sqlite("*smith*");
    expect(values[0]).toBe('"smith"');
    expect(sql).not.toContain(`"users"."user_id" GLOB`);
    expect(postgres("*smith*").sql).not.toContain(`"users"."user_id" LIKE`);
    expect(sqlite("auth0|6*").sql).toContain(`"users"."user_id" GLOB`);
  });
});

describe("compileUserQuery: booleans, numbers, dates", () => {
  it("binds booleans, guarded by the field's presence", () => {
    expect(sqlite("email_verified:false")).toEqual({
      sql: `(("users"."email_lower" IS NOT NULL) AND "users"."email_verified" = ?)`,
      values: [false],
    });
    expect(sqlite("blocked:false")).toEqual({ sql: `("users"."blocked" = ?)`, values: [false] });
    expect(sqlite("_exists_:blocked")).toEqual({ sql: `("users"."blocked" = ?)`, values: [true] });
  });

  it("compares logins_count as an integer; fractional or out-of-range values match nothing", () => {
    expect(sqlite("logins_count:7")).toEqual({ sql: `("users"."logins_count" = ?)`, values: [7] });
    expect(sqlite("logins_count:7.5")).toEqual({ sql: `(1=0)`, values: [] });
    expect(sqlite("logins_count:[100 TO *]")).toEqual({ sql: `("users"."logins_count" >= ?)`, values: [100] });
    expect(sqlite("logins_count:{1.5 TO 4}")).toEqual({ sql: `("users"."logins_count" >= ? AND "users"."logins_count" <= ?)`, values: [2, 3] });
    expect(sqlite("logins_count:{5 TO 5}")).toEqual({ sql: `(1=0)`, values: [] });
    expect(sqlite("logins_count:[* TO 1e20]")).toEqual({ sql: `(1=1)`, values: [] });
    expect(sqlite("_exists_:logins_count")).toEqual({ sql: `(1=1)`, values: [] });
  });

  it("expands partial dates to their period", () => {
    expect(sqlite("created_at:2024-05")).toEqual({
      sql: `("users"."created_at" >= ? AND "users"."created_at" <= ?)`,
      values: [new Date("2024-05-01T00:00:00.000Z"), new Date("2024-05-31T23:59:59.999Z")],
    });
    expect(sqlite("last_login:{2017-11 TO 2017-12]")).toEqual({
      sql: `("users"."last_login" IS NOT NULL AND ("users"."last_login" > ? AND "users"."last_login" <= ?))`,
      values: [new Date("2017-11-30T23:59:59.999Z"), new Date("2017-12-31T23:59:59.999Z")],
    });
    expect(sqlite("last_login:[* TO *]")).toEqual({ sql: `("users"."last_login" IS NOT NULL)`, values: [] });
  });
});

describe("compileUserQuery: identities and metadata", () => {
  it("matches any identity of the user", () => {
    expect(sqlite('identities.connection:"google-oauth2"')).toEqual({
      sql: `("users"."user_id" IN (SELECT "ui"."user_id" FROM "user_identities" AS "ui" WHERE "ui"."connection_id" IN (SELECT "c"."id" FROM "connections" AS "c" WHERE "c"."name" = ?)))`,
      values: ["google-oauth2"],
    });
    expect(userInConnection("x").values).toEqual(["x"]);
    expect(sqlite("identities.isSocial:true").values).toEqual([true]);
  });

  it("reads metadata from the side table: text, and the number or boolean the text spells", () => {
    expect(sqlite("user_metadata.display.fontSize:13")).toEqual({
      sql:
        `("users"."user_id" IN (SELECT "m"."user_id" FROM "user_metadata_values" AS "m" WHERE "m"."source" = ? AND "m"."path" = ? AND "m"."value_text" = ?` +
        ` UNION ALL SELECT "m"."user_id" FROM "user_metadata_values" AS "m" WHERE "m"."source" = ? AND "m"."path" = ? AND "m"."value_number" = ?))`,
      values: ["user", "display.fontSize", "13", "user", "display.fontSize", 13],
    });
    expect(sqlite("app_metadata.beta:true").values).toEqual(["app", "beta", "true", "app", "beta", true]);
    expect(sqlite('user_metadata.name:"Jo Smith"').values).toEqual(["user", "name", "Jo Smith"]);
  });

  it("finds any leaf at or below a path for _exists_", () => {
    expect(sqlite("_exists_:user_metadata.a_b").values).toEqual(["user", "a_b", "user", "a_b.*"]);
    expect(postgres("_exists_:user_metadata.a_b").values).toEqual(["user", "a_b", "user", "a!_b.%"]);
    expect(sqlite("_exists_:app_metadata").sql).toContain(`WHERE "m"."source" = ? AND (1=1))`);
  });

  it("allows wildcards and numeric ranges on app_metadata, not on user_metadata", () => {
    expect(sqlite("app_metadata.plan:go*").values).toEqual(["app", "plan", "go*"]);
    expect(sqlite("app_metadata.level:[2 TO *]").values).toEqual(["app", "level", 2]);
    expect(rejection("user_metadata.plan:go*").message).toMatch(/Wildcards are not supported on user_metadata fields \(position 19\)/);
    expect(rejection("user_metadata.level:[2 TO *]").message).toMatch(/Ranges are not supported on user_metadata fields \(position 20\)/);
  });
});

describe("compileUserCount", () => {
  const count = (q: string) => {
    const fragment = compileUserCount(parseQuery(q), "sqlite");
    return { sql: fragment.sql, values: fragment.values };
  };

  it("counts a single metadata or identity clause in its own table, as distinct users", () => {
    expect(count('user_metadata.city:"Paris"')).toEqual({
      sql: `SELECT COUNT(DISTINCT "m"."user_id") AS "n" FROM "user_metadata_values" AS "m" WHERE "m"."source" = ? AND "m"."path" = ? AND "m"."value_text" = ?`,
      values: ["user", "city", "Paris"],
    });
    expect(count("user_metadata.size:13").sql).toBe(
      `SELECT COUNT(*) AS "n" FROM (SELECT "m"."user_id" FROM "user_metadata_values" AS "m" WHERE "m"."source" = ? AND "m"."path" = ? AND "m"."value_text" = ?` +
        ` UNION SELECT "m"."user_id" FROM "user_metadata_values" AS "m" WHERE "m"."source" = ? AND "m"."path" = ? AND "m"."value_number" = ?) AS "matches"`,
    );
    expect(count("identities.provider:github").sql).toBe(
      `SELECT COUNT(DISTINCT "ui"."user_id") AS "n" FROM "user_identities" AS "ui" WHERE "ui"."provider" = ?`,
    );
  });

  it("counts everything else on the users table", () => {
    expect(count("name:jo*")).toEqual({
      sql: `SELECT COUNT(*) AS "n" FROM "users" WHERE ("users"."name_lower" IS NOT NULL AND "users"."name_lower" GLOB ?)`,
      values: ["jo*"],
    });
    expect(count("NOT user_metadata.city:Paris").sql).toMatch(/^SELECT COUNT\(\*\) AS "n" FROM "users" WHERE \(NOT/);
  });
});

describe("compileUserQuery: errors", () => {
  it.each([
    ["colour:red", /Unknown field 'colour' at position 0; users can be searched by user_id, email/],
    ["email.local:x", /Unknown field 'email.local'/],
    ["picture:x", /Unknown field 'picture'/],
    ["name:[a TO z]", /not on 'name' \(position 5\)/],
    ["blocked:yes", /'blocked' is true or false/],
    ["blocked:tru*", /'blocked' is true or false/],
    ["logins_count:lots", /'logins_count' is a number \(position 13\)/],
    ["created_at:yesterday", /Invalid date 'yesterday' at position 11/],
    ["updated_at:2024*", /Wildcards are not supported on 'updated_at'/],
    ["app_metadata:x", /Name a key of app_metadata at position 0/],
    ["_exists_:nosuch", /Unknown field 'nosuch' at position 9/],
  ])("%s", (q, message) => {
    expect(rejection(q).message).toMatch(message);
    expect(rejection(q, "postgres").message).toMatch(message);
  });

  it("names every searchable field in the unknown-field message", () => {
    expect(USER_SEARCH_FIELDS).toContain("identities.isSocial");
    expect(USER_SEARCH_FIELDS).toContain("user_metadata.*");
  });
});
