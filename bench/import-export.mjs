// Bulk import and export through Gatehouse's job runner, on a fresh database of each kind.
//
//   node bench/import-export.mjs [--db sqlite|postgres|both] [--users 1000000] [--batch <records per transaction>]
//
// For each database, in a child process of its own (so its peak RSS is its own):
//   1. migrates and bootstraps a fresh database (SQLite file / new PostgreSQL database);
//   2. writes NDJSON import files for three database connections (60 / 25 / 15 % of the users):
//      each user has a bcrypt (cost 10) password_hash (a few precomputed hashes, reused), names,
//      user_metadata and app_metadata;
//   3. uploads each file as POST /api/v2/jobs/users-imports would receive it (a streamed multipart
//      request through the real handler code: busboy, to disk) and runs the job runner until the
//      queue is empty: import users/s (at most 2 imports may be active, as in Auth0, so the third
//      file is uploaded once the first two are done);
//   4. exports every user as NDJSON (default fields) and as CSV: export users/s;
//   5. prints the figures and the process's peak RSS.
// Goals: import >= 10,000 users/s, export of 1M <= 60 s, peak RSS <= 512 MB.
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync, createReadStream } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1] && !all[i + 1].startsWith("--") ? all[i + 1] : "true"]] : pairs), []),
);
const USERS = Number(args.users ?? 1_000_000);
/** Import records per transaction; 0 = the runner's default (2,000). */
const BATCH = Number(args.batch ?? 0);
const PG_ADMIN = process.env.GATEHOUSE_BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

if (!args.child) {
  const kinds = (args.db ?? "both") === "both" ? ["sqlite", "postgres"] : [args.db];
  for (const kind of kinds) {
    const result = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--child", kind, "--users", String(USERS), "--batch", String(BATCH)], { stdio: "inherit" });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  process.exit(0);
}

// ---- child: one database ------------------------------------------------------------------------
const kind = args.child;
const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-bench-jobs-"));
let databaseUrl = `file:${join(dataDir, "gatehouse.db")}`;
let pgDatabase;
const pg = (await import("pg")).default;
if (kind === "postgres") {
  pgDatabase = `gh_bench_jobs_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${pgDatabase}"`);
  await admin.end();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${pgDatabase}`;
  databaseUrl = url.toString();
}
Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  GATEHOUSE_DATA_DIR: dataDir,
  GATEHOUSE_ISSUER: "http://localhost:3000/",
  GATEHOUSE_SECRET: "bench-master-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
  GATEHOUSE_BOOTSTRAP_CLIENT_ID: "bench-client",
  GATEHOUSE_BOOTSTRAP_CLIENT_SECRET: "bench-client-secret-0123456789-abcdefghijkl",
  LOG_LEVEL: "warn",
});

const { tsImport } = await import("tsx/esm/api");
const lib = (path) => tsImport(`../lib/${path}`, import.meta.url);
const { ready } = await lib("boot/ready.ts");
const { runPendingJobs } = await lib("jobs/job-runner.ts");
const { createUsersImportJob } = await lib("services/jobs/create-users-import-job.ts");
const { jobFilePath } = await lib("jobs/job-files.ts");
const { countActiveImportJobs, MAX_CONCURRENT_IMPORTS } = await lib("jobs/import-jobs-cap.ts");
const { newConnectionId, newJobId } = await lib("crypto/ids.ts");
const { disconnectAll } = await lib("db/client.ts");
const { closeJobSqlPools } = await lib("jobs/job-sql.ts");
const { closeLogSinks } = await lib("logs/write-log-event.ts");
const bcrypt = (await import("bcryptjs")).default;

let peakRss = 0;
let peakDetail;
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  if (usage.rss > peakRss) [peakRss, peakDetail] = [usage.rss, usage];
}, 50);
const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
const rate = (n, ms) => Math.round(n / (ms / 1000)).toLocaleString("en-US");

const db = await ready();
const defaultConnection = await db.connection.findUniqueOrThrow({ where: { name: "Username-Password-Authentication" } });
const connections = [{ id: defaultConnection.id, share: 0.6 }];
for (const [name, share] of [["bench-customers", 0.25], ["bench-partners", 0.15]]) {
  const id = newConnectionId();
  await db.connection.create({ data: { id, name, strategy: "auth0", options: {}, realms: [name], metadata: {} } });
  connections.push({ id, share });
}

// 1. Import files.
const HASHES = ["alpha", "bravo", "charlie", "delta"].map((p) => bcrypt.hashSync(`${p}-Passw0rd!`, 10));
const GIVEN = ["Ada", "Grace", "Alan", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "John", "Zoë", "José"];
const FAMILY = ["Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen", "Backus", "Müller", "Núñez"];
const ascii = (text) => text.normalize("NFKD").replace(/[^A-Za-z]/g, "").toLowerCase();
const PLANS = ["free", "free", "free", "pro", "enterprise"];
const LANGS = ["en", "fr", "de", "es", "ja"];
let generated = 0;
const files = [];
const startedGen = performance.now();
for (const [c, connection] of connections.entries()) {
  const count = c === connections.length - 1 ? USERS - generated : Math.round(USERS * connection.share);
  const path = join(dataDir, `import-${c}.ndjson`);
  const out = createWriteStream(path);
  let chunk = "";
  for (let i = 0; i < count; i++) {
    const n = generated + i;
    const given = GIVEN[n % GIVEN.length];
    const family = FAMILY[(n >> 3) % FAMILY.length];
    chunk += `${JSON.stringify({
      email: `${ascii(given)}.${ascii(family)}.${n}@example${n % 97}.com`,
      email_verified: n % 3 === 0,
      given_name: given,
      family_name: family,
      name: `${given} ${family}`,
      password_hash: HASHES[n % HASHES.length],
      user_metadata: { lang: LANGS[n % LANGS.length], prefs: { theme: n % 2 ? "dark" : "light", newsletter: n % 5 === 0 } },
      app_metadata: { plan: PLANS[n % PLANS.length], customer_id: `cus_${n.toString(36)}`, roles: n % 10 === 0 ? ["admin", "billing"] : ["member"] },
    })}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "close");
  generated += count;
  files.push({ path, connectionId: connection.id, count });
}
console.log(`[${kind}] generated ${USERS.toLocaleString("en-US")} users in ${files.length} NDJSON files (${mb(files.reduce((s, f) => s + statSync(f.path).size, 0))}) in ${Math.round(performance.now() - startedGen)} ms`);

console.log(`[${kind}] RSS before the import: ${mb(process.memoryUsage().rss)}`);
// 2. Upload (streamed multipart through the handler's code) and import.
const startedImport = performance.now();
const cpuImport = process.cpuUsage();
let uploadMs = 0;
for (const file of files) {
  if ((await countActiveImportJobs(db)) >= MAX_CONCURRENT_IMPORTS) await runPendingJobs(db, { batchSize: BATCH });
  const startedUpload = performance.now();
  const boundary = `----gatehouse-bench-${Math.random().toString(36).slice(2)}`;
  async function* body() {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="connection_id"\r\n\r\n${file.connectionId}\r\n`);
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="users"; filename="users.ndjson"\r\nContent-Type: application/json\r\n\r\n`);
    for await (const chunk of createReadStream(file.path, { highWaterMark: 1 << 20 })) yield chunk;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  const request = new Request("http://localhost:3000/api/v2/jobs/users-imports", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    body: Readable.toWeb(Readable.from(body())),
    duplex: "half",
  });
  await createUsersImportJob(db, request);
  uploadMs += performance.now() - startedUpload;
}
await runPendingJobs(db, { batchSize: BATCH });
const importMs = performance.now() - startedImport;
const importCpu = process.cpuUsage(cpuImport);
const jobs = await db.job.findMany({ where: { type: "users_import" } });
const inserted = jobs.reduce((s, j) => s + j.inserted, 0);
const failed = jobs.reduce((s, j) => s + j.failed, 0);
console.log(`[${kind}] import: ${inserted.toLocaleString("en-US")} inserted, ${failed} failed, in ${(importMs / 1000).toFixed(1)} s (upload ${(uploadMs / 1000).toFixed(1)} s) = ${rate(inserted, importMs)} users/s (this process: ${((importCpu.user + importCpu.system) / 1e6).toFixed(1)} s CPU); peak RSS so far ${mb(peakRss)}`);
if (inserted !== USERS || failed !== 0 || jobs.some((j) => j.status !== "completed")) {
  console.error(`[${kind}] import incomplete: ${JSON.stringify(jobs.map((j) => ({ status: j.status, inserted: j.inserted, failed: j.failed, details: j.status_details })))}`);
  process.exitCode = 1;
}

// 3. Export every user, NDJSON (default fields) and CSV.
for (const format of ["json", "csv"]) {
  const id = newJobId();
  const params = format === "csv"
    ? { format, fields: [{ name: "user_id" }, { name: "email" }, { name: "name" }, { name: "created_at" }, { name: "identities[0].connection", export_as: "connection" }, { name: "app_metadata.plan", export_as: "plan" }] }
    : { format };
  await db.job.create({ data: { id, type: "users_export", status: "pending", params } });
  const started = performance.now();
  await runPendingJobs(db, {});
  const ms = performance.now() - started;
  const job = await db.job.findUniqueOrThrow({ where: { id } });
  console.log(`[${kind}] export ${format}: ${job.total.toLocaleString("en-US")} users in ${(ms / 1000).toFixed(1)} s = ${rate(job.total, ms)} users/s, ${mb(statSync(jobFilePath(job.file_name)).size)} gzipped; peak RSS so far ${mb(peakRss)}`);
  if (job.status !== "completed" || job.total !== USERS) process.exitCode = 1;
}

clearInterval(sampler);
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(`[${kind}] peak RSS: ${mb(Math.max(peakRss, maxRss))} (at the sampled peak: V8 heap ${mb(peakDetail.heapTotal)}, external ${mb(peakDetail.external)})`);

await closeJobSqlPools();
await closeLogSinks();
await disconnectAll();
rmSync(dataDir, { recursive: true, force: true });
if (pgDatabase) {
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`);
  await admin.end();
}
process.exit();
