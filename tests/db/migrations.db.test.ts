// Migrations upgrade a database that already holds data without losing any of it (regression:
// on SQLite, Prisma's table redefinition DROPs "users"; with foreign keys on inside the migration
// transaction that cascade-deleted every identity, password and role link), and leave the search
// machinery in place (SQLite triggers of users_trigram, PostgreSQL pg_trgm).
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrateDatabase, migrationsDir } from "../../lib/db/migrate.ts";
import { PG_ADMIN_URL, pgUrlFor } from "../setup/test-env.ts";

const kind = inject("databaseKind");
const scratch = mkdtempSync(join(tmpdir(), "gatehouse-migrations-"));
const all = migrationsDir(kind);
const first = readdirSync(all).filter((d) => /^\d/.test(d)).sort()[0]!;
const onlyFirst = join(scratch, "first");
cpSync(join(all, first), join(onlyFirst, first), { recursive: true });

const database = `gh_mig_${process.pid}_${Date.now().toString(36)}`;
const url = kind === "postgres" ? pgUrlFor(database) : `file:${join(scratch, "upgrade.db")}`;

type Exec = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
let exec: Exec;
let close: () => Promise<void>;

if (kind === "postgres") {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const client = new pg.Client({ connectionString: url });
  exec = async (sql, params) => (await client.query(sql, params as unknown[])).rows;
  close = async () => {
    await client.end();
    const dropper = new pg.Client({ connectionString: PG_ADMIN_URL });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await dropper.end();
  };
  await migrateDatabase(url, onlyFirst);
  await client.connect();
} else {
  await migrateDatabase(url, onlyFirst);
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(url.slice(5));
  exec = async (sql, params = []) => {
    const statement = db.prepare(sql.replace(/\$(\d+)/g, "@p$1"));
    const named = Object.fromEntries(params.map((value, i) => [`p${i + 1}`, value]));
    return statement.reader ? (statement.all(named) as Record<string, unknown>[]) : (statement.run(named), []);
  };
  close = async () => {
    db.close();
  };
}

afterAll(async () => {
  await close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("migrations", () => {
  it("upgrade a populated database without losing rows, and set up search", async () => {
    const now = new Date().toISOString();
    await exec(`INSERT INTO connections (id, name, strategy, options, realms, metadata, is_domain_connection, is_system, created_at, updated_at) VALUES ('con_AAAAAAAAAAAAAAAA', 'db', 'auth0', '{}', '[]', '{}', false, false, $1, $1)`, [now]);
    await exec(`INSERT INTO users (user_id, connection_id, email, name, user_metadata, app_metadata, multifactor, created_at, updated_at) VALUES ('auth0|1', 'con_AAAAAAAAAAAAAAAA', 'jane@example.com', 'Jane Johnson', '{}', '{}', '[]', $1, $1)`, [now]);
    await exec(`INSERT INTO user_identities (id, user_id, connection_id, provider, provider_user_id, is_social, created_at) VALUES ('i1', 'auth0|1', 'con_AAAAAAAAAAAAAAAA', 'auth0', '1', false, $1)`, [now]);
    await exec(`INSERT INTO user_passwords (user_id, hash, created_at, updated_at) VALUES ('auth0|1', '$2b$04$x', $1, $1)`, [now]);
    await exec(`INSERT INTO roles (id, name, is_system, created_at, updated_at) VALUES ('rol_AAAAAAAAAAAAAAAA', 'r', false, $1, $1)`, [now]);
    await exec(`INSERT INTO user_roles (user_id, role_id, created_at) VALUES ('auth0|1', 'rol_AAAAAAAAAAAAAAAA', $1)`, [now]);

    const result = await migrateDatabase(url);
    expect(result.applied.length).toBeGreaterThan(0);

    expect(await exec(`SELECT count(*) AS n FROM user_identities`)).toEqual([{ n: kind === "postgres" ? "1" : 1 }]);
    expect(await exec(`SELECT count(*) AS n FROM user_passwords`)).toEqual([{ n: kind === "postgres" ? "1" : 1 }]);
    expect(await exec(`SELECT count(*) AS n FROM user_roles`)).toEqual([{ n: kind === "postgres" ? "1" : 1 }]);
    const [user] = await exec(`SELECT email_lower, email_domain, name_lower, search_key FROM users WHERE user_id = 'auth0|1'`);
    expect(user).toMatchObject({ email_lower: "jane@example.com", email_domain: "example.com", name_lower: "jane johnson" });
    expect(Number(user!.search_key)).toBeGreaterThan(0);

    if (kind === "sqlite") {
      const triggers = (await exec(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`)).map((r) => r.name);
      expect(triggers).toEqual(["users_trigram_delete", "users_trigram_insert", "users_trigram_update"]);
      expect(await exec(`SELECT rowid FROM users_trigram WHERE users_trigram MATCH 'name_lower:"johns"'`)).toHaveLength(1);
      await exec(`UPDATE users SET name_lower = 'someone else' WHERE user_id = 'auth0|1'`);
      expect(await exec(`SELECT rowid FROM users_trigram WHERE users_trigram MATCH 'name_lower:"johns"'`)).toHaveLength(0);
      expect(await exec(`SELECT rowid FROM users_trigram WHERE users_trigram MATCH 'name_lower:"else"'`)).toHaveLength(1);
    } else {
      expect(await exec(`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`)).toHaveLength(1);
      // unmanaged.sql ran: prefix LIKE on the search columns has a code-point-ordered btree.
      const patternIndexes = await exec(`SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%text_pattern_ops%' ORDER BY indexname`);
      expect(patternIndexes.map((r) => r.indexname)).toEqual(expect.arrayContaining(["users_email_lower_user_id_idx", "users_name_lower_user_id_idx", "user_metadata_values_source_path_value_text_user_id_idx"]));
      await exec(`SET enable_seqscan = off`); // one row: the planner would scan it rather than ask an index
      const [plan] = await exec(`EXPLAIN SELECT user_id FROM users WHERE name_lower LIKE 'jan%'`);
      expect(String(plan!["QUERY PLAN"])).not.toMatch(/Seq Scan/);
    }
  });
});
