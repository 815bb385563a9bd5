// Vitest global setup of the `sqlite` and `postgres` projects: builds one migrated, bootstrapped
// template database per run; each test file then gets its own copy (tests/setup/database.ts), so
// test files run in parallel and never see each other's data.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { PG_ADMIN_URL, pgUrlFor, testEnvironment } from "./test-env.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseKind: "sqlite" | "postgres";
    templateDatabase: string;
    scratchDir: string;
  }
}

export default async function setup(project: TestProject) {
  const kind = project.config.env.GATEHOUSE_TEST_DB === "postgres" ? "postgres" : "sqlite";
  // @ts-expect-error -- a plain .mjs script without types; builds generated/breached-passwords.bin when missing.
  await (await import("../../scripts/build-breached-passwords.mjs")).ensureBreachedPasswords();
  const scratchDir = mkdtempSync(join(tmpdir(), `gatehouse-test-${kind}-`));
  let templateDatabase: string;
  let databaseUrl: string;
  let pg: import("pg").Client | undefined;

  if (kind === "postgres") {
    const { default: pgModule } = await import("pg");
    pg = new pgModule.Client({ connectionString: PG_ADMIN_URL });
    await pg.connect();
    templateDatabase = `gh_tpl_${process.pid}_${Date.now()}`;
    await pg.query(`CREATE DATABASE "${templateDatabase}"`);
    databaseUrl = pgUrlFor(templateDatabase);
  } else {
    templateDatabase = join(scratchDir, "template.db");
    databaseUrl = `file:${templateDatabase}`;
  }

  Object.assign(process.env, testEnvironment(scratchDir, databaseUrl));
  const { resetEnvForTests } = await import("../../lib/env.ts");
  resetEnvForTests();
  const { ready } = await import("../../lib/boot/ready.ts");
  const { disconnectAll } = await import("../../lib/db/client.ts");
  const { closeHashPool } = await import("../../lib/passwords/hash-pool.ts");
  const { closeLogSinks } = await import("../../lib/logs/write-log-event.ts");
  await ready();
  await disconnectAll();
  await closeHashPool();
  await closeLogSinks();
  if (kind === "sqlite") {
    // Fold the WAL into the main file so a plain file copy is a complete database.
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(templateDatabase);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.pragma("journal_mode = DELETE");
    db.close();
  }

  project.provide("databaseKind", kind);
  project.provide("templateDatabase", templateDatabase);
  project.provide("scratchDir", scratchDir);

  return async () => {
    if (pg) {
      // Prefix match in code, not LIKE: `_` is a LIKE wildcard, and `gh_t_123_%` would also match
      // another run's `gh_t_1234_...` (a concurrent run's databases dropped under its feet).
      const prefix = `gh_t_${process.pid}_`;
      const { rows } = await pg.query<{ datname: string }>(`SELECT datname FROM pg_database`);
      for (const { datname } of rows.filter((r) => r.datname.startsWith(prefix)))
        await pg.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await pg.query(`DROP DATABASE IF EXISTS "${templateDatabase}" WITH (FORCE)`);
      await pg.end();
    }
    rmSync(scratchDir, { recursive: true, force: true });
  };
}
