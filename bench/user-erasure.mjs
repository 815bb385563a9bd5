// How long deleting (and erasing) a user takes on a tenant with a long Management API trail: the
// step that finds the API events mentioning the user reads every `sapi`/`fapi`/`mgmt_api_read`
// event in range (no index can answer "details contain"; lib/services/users/detach-user-from-logs.ts).
//
//   node bench/user-erasure.mjs [--db sqlite|postgres|both] [--events 300000]
//
// Seeds N API events (realistic PATCH /users bodies, ~700 bytes of details, spread over the past
// year) into a fresh migrated database, then times, through the services:
//   1. deleteUser of a user created today (the scan starts at its creation: `mentionsSince`);
//   2. deleteUser of a user with a linked account (no bound: the whole trail is scanned);
//   3. eraseUser of a user created today (delete + residue + a whole-trail, id-redacting scan).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { tsImport } from "tsx/esm/api";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const kinds = option("db", "both") === "both" ? ["sqlite", "postgres"] : [option("db")];
const EVENTS = Number(option("events", "300000"));
const PG_ADMIN = process.env.GATEHOUSE_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function run(kind) {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-bench-erasure-"));
  let database;
  let url = `file:${join(dir, "bench.db")}`;
  if (kind === "postgres") {
    database = `gh_bench_erasure_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const u = new URL(PG_ADMIN);
    u.pathname = `/${database}`;
    url = u.toString();
  }
  Object.assign(process.env, {
    DATABASE_URL: url,
    GATEHOUSE_DATA_DIR: dir,
    GATEHOUSE_ISSUER: "https://bench.gatehouse.test/",
    GATEHOUSE_SECRET: "bench-master-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    GATEHOUSE_BCRYPT_COST: "4",
    LOG_LEVEL: "warn",
  });
  const { resetEnvForTests } = await tsImport("../lib/env.ts", import.meta.url);
  resetEnvForTests();
  const { ready } = await tsImport("../lib/boot/ready.ts", import.meta.url);
  const { disconnectAll } = await tsImport("../lib/db/client.ts", import.meta.url);
  const { closeLogSinks } = await tsImport("../lib/logs/write-log-event.ts", import.meta.url);
  const { closeHashPool } = await tsImport("../lib/passwords/hash-pool.ts", import.meta.url);
  const { newLogId } = await tsImport("../lib/crypto/ids.ts", import.meta.url);
  const { createUser } = await tsImport("../lib/services/users/create-user.ts", import.meta.url);
  const { deleteUser } = await tsImport("../lib/services/users/delete-user.ts", import.meta.url);
  const { eraseUser } = await tsImport("../lib/services/users/erase-user.ts", import.meta.url);
  const db = await ready();
  const actor = { kind: "system", reason: "bench" };

  const seedStarted = Date.now();
  const yearAgo = Date.now() - 365 * 86_400_000;
  for (let i = 0; i < EVENTS; i += 2_000) {
    const rows = [];
    for (let j = i; j < Math.min(EVENTS, i + 2_000); j++) {
      const date = new Date(yearAgo + ((Date.now() - 86_400_000 - yearAgo) * j) / EVENTS);
      const id = `auth0|${j.toString(16).padStart(24, "0")}`;
      rows.push({
        log_id: newLogId(date),
        date,
        type: "sapi",
        description: "Update a user",
        client_id: "bench-client",
        details: {
          request: { method: "PATCH", path: `/api/v2/users/${encodeURIComponent(id)}`, query: {}, body: { user_metadata: { city: "Somewhere", plan: "pro", n: j } }, auth: { subject: "bench-client@clients", strategy: "jwt", credentials: { jti: `jti-${j}`, scopes: ["update:users", "read:users"] } } },
          response: { statusCode: 200, body: { user_id: id, email: `person${j}@example.com`, name: `Person ${j}`, user_metadata: { city: "Somewhere" } } },
        },
      });
    }
    await db.logEvent.createMany({ data: rows });
  }
  console.log(`${kind}: seeded ${EVENTS} API events in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

  const time = async (label, fn) => {
    const started = performance.now();
    await fn();
    console.log(`${kind}: ${label}: ${(performance.now() - started).toFixed(0)} ms`);
  };
  const fresh = () => createUser(db, { connection: "Username-Password-Authentication", email: `bench-${Math.random().toString(36).slice(2)}@example.com`, password: "Bench-Secret-42!", verify_email: false }, actor);
  const young = await fresh();
  await time("deleteUser, user created today (bounded scan)", () => deleteUser(db, young.user_id, actor));
  const linked = await fresh();
  await db.userIdentity.create({ data: { id: `bench-${Date.now()}`, user_id: linked.user_id, connection_id: (await db.connection.findFirstOrThrow({ where: { name: "Username-Password-Authentication" } })).id, provider: "auth0", provider_user_id: "0123456789abcdef01234567", profile_data: { email: "linked@example.com" } } });
  await time("deleteUser, user with a linked account (whole trail)", () => deleteUser(db, linked.user_id, actor));
  const erased = await fresh();
  await time("eraseUser, user created today", () => eraseUser(db, erased.user_id, actor));

  await closeLogSinks();
  await closeHashPool();
  await disconnectAll();
  if (database) {
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
  rmSync(dir, { recursive: true, force: true });
}

for (const kind of kinds) await run(kind);
