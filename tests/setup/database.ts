// Per-test-file setup of the `sqlite` and `postgres` projects: a private copy of the template
// database (a file copy, or CREATE DATABASE ... TEMPLATE), wired in through the environment before
// the test file imports any application module. Dropped when the file is done.
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, inject } from "vitest";
import { PG_ADMIN_URL, pgUrlFor, testEnvironment } from "./test-env.ts";

const kind = inject("databaseKind");
const template = inject("templateDatabase");
const scratchDir = inject("scratchDir");
const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

let databaseUrl: string;
let database: string;
if (kind === "postgres") {
  // The runner's pid names the databases, so its teardown can drop any a crashed file left.
  database = `gh_t_${process.ppid}_${suffix}`;
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
      break;
    } catch (error) {
      // Another worker is copying the same template at this instant.
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
  await admin.end();
  databaseUrl = pgUrlFor(database);
} else {
  database = join(scratchDir, `${suffix}.db`);
  copyFileSync(template, database);
  databaseUrl = `file:${database}`;
}

Object.assign(process.env, testEnvironment(scratchDir, databaseUrl));

afterAll(async () => {
  const { disconnectAll } = await import("../../lib/db/client.ts");
  const { closeHashPool } = await import("../../lib/passwords/hash-pool.ts");
  const { closeLogSinks } = await import("../../lib/logs/write-log-event.ts");
  await disconnectAll();
  await closeHashPool();
  await closeLogSinks();
  if (kind === "postgres") {
    const { default: pg } = await import("pg");
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  } else {
    for (const f of [database, `${database}-wal`, `${database}-shm`]) rmSync(f, { force: true });
  }
});
