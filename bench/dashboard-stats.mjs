// The dashboard home page's activity query (lib/services/stats/daily-activity.ts) on a large log:
// seeds N log events (default 1,000,000 over 90 days: 40% s, 5% ss, 5% failed logins f/fp/fu, the
// rest API and token events) into a scratch SQLite file and a scratch PostgreSQL database, with
// log_events' real columns and indexes, then times the same grouped query for the last 30 days
// and prints its plan. Run by hand: `node bench/dashboard-stats.mjs [N]`.
// GATEHOUSE_PG_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres) for PostgreSQL.
import Database from "better-sqlite3";
import pg from "pg";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const N = Number(process.argv[2] ?? 1_000_000);
const DAYS = 90;
const RUNS = 10;
const TYPES = [["s", 40], ["ss", 5], ["fp", 3], ["fu", 1], ["f", 1], ["sapi", 25], ["seccft", 15], ["sertft", 10]];
const pick = (() => {
  const table = TYPES.flatMap(([t, w]) => Array(w).fill(t));
  return (i) => table[(i * 7919) % table.length];
})();
const now = Date.now();
const start = new Date(Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate()) - 29 * 86_400_000);
const FAILED_AND_LOGINS = ["ss", "s", "f", "fp", "fu"];

const DDL = (dateType) => [
  `CREATE TABLE "log_events" ("log_id" TEXT NOT NULL PRIMARY KEY, "date" ${dateType} NOT NULL, "type" TEXT NOT NULL, "description" TEXT, "client_id" TEXT, "user_id" TEXT, "user_name" TEXT, "details" TEXT)`,
  `CREATE INDEX "log_events_date_idx" ON "log_events"("date")`,
  `CREATE INDEX "log_events_user_id_date_idx" ON "log_events"("user_id", "date")`,
  `CREATE INDEX "log_events_type_date_idx" ON "log_events"("type", "date")`,
  `CREATE INDEX "log_events_client_id_date_idx" ON "log_events"("client_id", "date")`,
];

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms`;
}

async function sqlite() {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-stats-bench-"));
  try {
    const db = new Database(join(dir, "bench.db"));
    db.pragma("journal_mode = WAL");
    for (const statement of DDL("DATETIME")) db.exec(statement);
    const insert = db.prepare(`INSERT INTO "log_events" ("log_id", "date", "type", "user_id") VALUES (?, ?, ?, ?)`);
    const t0 = performance.now();
    db.transaction(() => {
      for (let i = 0; i < N; i += 1) {
        const date = new Date(now - Math.floor((i / N) * DAYS * 86_400_000));
        insert.run(String(i).padStart(12, "0"), date.toISOString().replace("Z", "+00:00"), pick(i), `auth0|${i % 50_000}`);
      }
    })();
    db.exec("ANALYZE");
    console.log(`sqlite: seeded ${N} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const sql = `SELECT substr("date", 1, 10) AS "day", "type", COUNT(*) AS "n" FROM "log_events" WHERE "type" IN (?, ?, ?, ?, ?) AND "date" >= ? GROUP BY substr("date", 1, 10), "type"`;
    const args = [...FAILED_AND_LOGINS, start.toISOString().replace("Z", "+00:00")];
    console.log("sqlite plan:", db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args).map((r) => r.detail).join(" | "));
    const times = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const t = performance.now();
      rows = db.prepare(sql).all(...args).length;
      times.push(performance.now() - t);
    }
    console.log(`sqlite: ${rows} groups; ${stats(times)}`);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres() {
  const adminUrl = process.env.GATEHOUSE_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `gh_stats_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await client.connect();
    for (const statement of DDL("TIMESTAMP(3)")) await client.query(statement);
    const t0 = performance.now();
    const types = TYPES.flatMap(([t, w]) => Array(w).fill(t));
    await client.query(
      `INSERT INTO "log_events" ("log_id", "date", "type", "user_id")
       SELECT lpad(i::text, 12, '0'), to_timestamp($1 / 1000.0 - (i::float8 / $2) * $3 * 86400) AT TIME ZONE 'UTC', ($4::text[])[1 + ((i::bigint * 7919) % $5)::int], 'auth0|' || (i % 50000)
       FROM generate_series(0, $2 - 1) AS i`,
      [now, N, DAYS, types, types.length],
    );
    await client.query("VACUUM ANALYZE log_events");
    console.log(`postgres: seeded ${N} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const sql = `SELECT to_char("date", 'YYYY-MM-DD') AS "day", "type", COUNT(*) AS "n" FROM "log_events" WHERE "type" IN ($1, $2, $3, $4, $5) AND "date" >= $6 GROUP BY to_char("date", 'YYYY-MM-DD'), "type"`;
    const args = [...FAILED_AND_LOGINS, start.toISOString().replace("Z", "")];
    const plan = await client.query(`EXPLAIN ${sql}`, args);
    console.log("postgres plan:\n  " + plan.rows.map((r) => r["QUERY PLAN"]).join("\n  "));
    const times = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const t = performance.now();
      rows = (await client.query(sql, args)).rowCount;
      times.push(performance.now() - t);
    }
    console.log(`postgres: ${rows} groups; ${stats(times)}`);
  } finally {
    await client.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

await sqlite();
await postgres();
