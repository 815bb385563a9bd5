// Benchmark: user search (GET /api/v2/users?q=...) at a million users, on SQLite and PostgreSQL.
//
//   node bench/search.mjs [--db sqlite|postgres|both] [--count 1000000] [--seed 20261126] [--runs 30]
//                         [--reseed] [--cache-dir DIR] [--log-level warn]
//
// 1. Seeds `count` realistic users (bench/search-seed.mjs: faker names and emails, four connections,
//    logins, dates, nested user_metadata and app_metadata with arrays) with a fixed random seed.
//    Seeding takes minutes, so the database is kept in a cache keyed by kind, seed and count
//    (default $TMPDIR/gatehouse-bench-search; PostgreSQL: database gh_bench_search_<seed>_<count>)
//    and reused by later runs; --reseed builds it again.
// 2. Starts the production build (built first when stale) on that database, gets a Management API
//    token by client credentials, and runs a fixed mix of searches over HTTP, one request at a time:
//    each query `runs` times with different values taken from the data (so every request does real
//    work: no count is served from the server's count cache, see the "repeat" row for that), first
//    as a plain page (per_page=50) and then with include_totals=true.
// 3. Prints the seeding time, p50/p95/max per query, and the server's resident memory (peak VmHWM).
//
// Goal (issue 3): p95 <= 50 ms for every query on both databases at 1M users, RSS <= 512 MB.
// Run by hand; not part of CI.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { buildIfStale, projectRoot } from "../scripts/lib/build-if-stale.mjs";
import { seedPools, seedPostgres, seedSqlite } from "./search-seed.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (!arg.startsWith("--")) return pairs;
    const next = all[i + 1];
    return [...pairs, [arg.slice(2), next === undefined || next.startsWith("--") ? "true" : next]];
  }, []),
);
const databases = (args.db ?? "both") === "both" ? ["sqlite", "postgres"] : [args.db];
const count = Number(args.count ?? 1_000_000);
const seed = Number(args.seed ?? 20261126);
const runs = Number(args.runs ?? 30);
const warmups = 3;
const reseed = args.reseed === "true";
const cacheRoot = args["cache-dir"] ?? join(tmpdir(), "gatehouse-bench-search");
const logLevel = args["log-level"] ?? "warn";
const pgAdmin = process.env.GATEHOUSE_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const CLIENT_ID = "bench-search-client";
const CLIENT_SECRET = "bench-search-secret-0123456789-abcdefghijklmnop";
const GOAL_MS = 50;
const GOAL_RSS_MB = 512;

const log = (line) => console.log(line);

async function freePort() {
  const server = net.createServer();
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

function statusKb(pid, field) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith(`${field}:`));
    return Number(line?.match(/(\d+)/)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function pgUrl(database) {
  const url = new URL(pgAdmin);
  url.pathname = `/${database}`;
  return url.toString();
}

function psql(sql) {
  return execFileSync("psql", [pgAdmin, "-v", "ON_ERROR_STOP=1", "-Atqc", sql], { encoding: "utf8" }).trim();
}

function locations(kind) {
  const dir = join(cacheRoot, `${kind}-${seed}-${count}`);
  const pgDatabase = `gh_bench_search_${seed}_${count}`;
  return {
    dir,
    marker: join(dir, "seeded.json"),
    pgDatabase,
    databaseUrl: kind === "sqlite" ? `file:${join(dir, "gatehouse.db")}` : pgUrl(pgDatabase),
  };
}

async function startServer(kind, where) {
  const port = await freePort();
  const issuer = `http://localhost:${port}/`;
  const server = spawn(process.execPath, [join(projectRoot, "server.mjs")], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      GATEHOUSE_DATA_DIR: where.dir,
      DATABASE_URL: where.databaseUrl,
      GATEHOUSE_ISSUER: issuer,
      GATEHOUSE_BOOTSTRAP_CLIENT_ID: CLIENT_ID,
      GATEHOUSE_BOOTSTRAP_CLIENT_SECRET: CLIENT_SECRET,
      GATEHOUSE_ADMIN_EMAIL: "operator@example.com",
      GATEHOUSE_ADMIN_PASSWORD: "Bench-Passw0rd-123!",
      LOG_LEVEL: logLevel,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${issuer}ready`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null) throw new Error(`${kind}: the server exited with ${server.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${kind}: the server did not become ready in 120 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: server.pid,
    issuer,
    async stop() {
      server.kill("SIGTERM");
      await exited;
    },
  };
}

/** The seeded database for `kind`, from the cache or built now. */
async function prepare(kind) {
  const where = locations(kind);
  const present =
    existsSync(where.marker) &&
    (kind === "sqlite" ? existsSync(join(where.dir, "gatehouse.db")) : psql(`SELECT 1 FROM pg_database WHERE datname = '${where.pgDatabase}'`) === "1");
  if (present && !reseed) {
    const seeded = JSON.parse(readFileSync(where.marker, "utf8"));
    log(`${kind}: reusing the seeded database (${seeded.count.toLocaleString()} users, seeded in ${seeded.seconds} s on ${seeded.at})`);
    return { where, seeded };
  }
  log(`${kind}: seeding ${count.toLocaleString()} users (seed ${seed}) ...`);
  rmSync(where.dir, { recursive: true, force: true });
  mkdirSync(where.dir, { recursive: true });
  if (kind === "postgres") {
    psql(`DROP DATABASE IF EXISTS "${where.pgDatabase}" WITH (FORCE)`);
    psql(`CREATE DATABASE "${where.pgDatabase}"`);
  }
  const started = Date.now();
  // Migrations and the bootstrap (tenant, connections, clients, operator) by the server itself.
  const server = await startServer(kind, where);
  await server.stop();
  const options = { seed, count, log };
  const timings =
    kind === "sqlite" ? await seedSqlite(join(where.dir, "gatehouse.db"), options) : await seedPostgres(where.databaseUrl, options);
  const seeded = {
    count,
    seed,
    at: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    timings: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, `${(v / 1000).toFixed(1)} s`])),
  };
  writeFileSync(where.marker, JSON.stringify(seeded, null, 2));
  log(`${kind}: seeded in ${seeded.seconds} s ${JSON.stringify(seeded.timings)}`);
  return { where, seeded };
}

/** Values for the queries, taken from the seeded data (random users: search_key is random). */
async function sampleValues(kind, where) {
  const sql = `SELECT email, given_name, family_name FROM users WHERE email IS NOT NULL AND connection_id IN
    (SELECT id FROM connections WHERE name <> 'gatehouse-operators') ORDER BY search_key LIMIT 400`;
  let rows;
  if (kind === "sqlite") {
    const db = new Database(join(where.dir, "gatehouse.db"), { readonly: true });
    rows = db.prepare(sql).all();
    db.close();
  } else {
    const client = new pg.Client({ connectionString: where.databaseUrl });
    await client.connect();
    rows = (await client.query(sql)).rows;
    await client.end();
  }
  const letters = (text) => text.toLowerCase().normalize("NFKD").replace(/[^a-z]/g, "");
  const firsts = rows.map((r) => letters(r.given_name)).filter((t) => t.length >= 3);
  const lasts = rows.map((r) => letters(r.family_name)).filter((t) => t.length >= 5);
  return { emails: rows.map((r) => r.email), firsts, lasts, pools: seedPools(seed) };
}

const pick = (list, i) => list[i % list.length];
const month = (i) => {
  const m = (i * 7) % 84; // 2018-01 .. 2024-12
  return `${2018 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
};
const LANGUAGES = ["en", "fr", "de", "es", "pt", "it", "ja", "nl", "pl", "sv"];

/**
 * `text` with one letter backslash-escaped, chosen by `i`: the same query to the parser, another
 * string to the server's count cache (keyed by q), so repeated runs of one query measure real counts.
 */
function respell(text, i) {
  const letters = [...text.matchAll(/[a-z]/g)].map((match) => match.index);
  if (i === 0 || letters.length === 0) return text;
  const at = letters[(i - 1) % letters.length];
  return `${text.slice(0, at)}\\${text.slice(at)}`;
}

/** The fixed mix (issue 3): name, and q for the i-th run (different values, or spellings, per run). */
function queryMix(values) {
  return [
    ["exact email", (i) => `email:"${pick(values.emails, i)}"`],
    ["name prefix", (i) => `name:${pick(values.firsts, i).slice(0, 3)}*`],
    ["name contains", (i) => `name:*${pick(values.lasts, i).slice(1, 5)}*`],
    ["email.domain", (i) => `email.domain:"${pick(values.pools.companyDomains, i * 13)}"`],
    ["metadata exact value", (i) => `user_metadata.addresses.city:"${pick(values.pools.cities, i * 7)}"`],
    // 15 sizes, each ~67,000 users: a broad one.
    ["nested metadata number", (i) => respell(`user_metadata.preferences.fontSize:${10 + (i % 15)}`, Math.floor(i / 15))],
    ["logins_count range", (i) => `logins_count:[${20 + ((i * 7) % 300)} TO ${30 + ((i * 7) % 300)}]`],
    ["created_at partial-date range", (i) => `created_at:[${month(i)} TO ${month(i + 1) > month(i) ? month(i + 1) : month(i)}]`],
    // Unverified, not blocked, signed up in a given month: ~11,000 users in the month, ~2,300 match.
    ["boolean combination", (i) => `email_verified:false AND created_at:${month(i)} AND NOT blocked:true`],
    // ~100,000 (company) and ~50,000 (referral) users.
    ["_exists_", (i) => respell(`_exists_:user_metadata.${i % 2 ? "referral" : "company"}`, Math.floor(i / 2))],
    // Two broad operands, neither selective: ~100,000 French speakers, ~25,000 of them match.
    ["broad boolean (extra)", (i) => `email_verified:true AND user_metadata.preferences.language:${pick(LANGUAGES, i)} AND logins_count:[${50 + i} TO *] AND NOT blocked:true`],
  ];
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timeQuery(base, token, q, extra) {
  const url = `${base}api/v2/users?per_page=50&q=${encodeURIComponent(q)}${extra}`;
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${q}: ${response.status} ${text.slice(0, 500)}`);
  const body = JSON.parse(text);
  const users = Array.isArray(body) ? body : body.users;
  return { ms, found: users.length, total: body.total };
}

async function bench(kind) {
  const base = await prepare(kind);
  const { where, seeded } = base;
  const values = await sampleValues(kind, where);
  const server = await startServer(kind, where);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, statusKb(server.pid, "VmRSS"))), 100);
  const rows = [];
  let rss = 0;
  try {
    const tokenResponse = await fetch(`${server.issuer}oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET, audience: `${server.issuer}api/v2/` }),
    });
    const { access_token: token } = await tokenResponse.json();
    for (const [totals, extra] of [[false, ""], [true, "&include_totals=true"]]) {
      for (const [name, make] of queryMix(values)) {
        for (let i = 0; i < warmups; i++) await timeQuery(server.issuer, token, make(runs + 100 + i), extra);
        const times = [];
        let found = 0;
        let total = 0;
        for (let i = 0; i < runs; i++) {
          const result = await timeQuery(server.issuer, token, make(i), extra);
          times.push(result.ms);
          found += result.found;
          total += result.total ?? 0;
        }
        times.sort((a, b) => a - b);
        rows.push({
          query: `${name}${totals ? " +totals" : ""}`,
          example: make(0).length > 60 ? `${make(0).slice(0, 57)}...` : make(0),
          "p50 ms": Number(percentile(times, 50).toFixed(1)),
          "p95 ms": Number(percentile(times, 95).toFixed(1)),
          "max ms": Number(times.at(-1).toFixed(1)),
          "avg page": Math.round(found / runs),
          ...(totals ? { "avg total": Math.round(total / runs) } : {}),
        });
      }
    }
    // The count cache: the same broad query with include_totals, again and again (a client paging).
    const same = "user_metadata.preferences.fontSize:12";
    const times = [];
    for (let i = 0; i < runs; i++) times.push((await timeQuery(server.issuer, token, same, "&include_totals=true")).ms);
    times.sort((a, b) => a - b);
    rows.push({ query: "repeat +totals (count cache)", example: same, "p50 ms": Number(percentile(times, 50).toFixed(1)), "p95 ms": Number(percentile(times, 95).toFixed(1)), "max ms": Number(times.at(-1).toFixed(1)) });
  } finally {
    clearInterval(sampler);
    const hwm = statusKb(server.pid, "VmHWM");
    await server.stop();
    rss = Math.round(Math.max(peak, hwm) / 1024);
  }
  const size =
    kind === "sqlite"
      ? `${(statSync(join(where.dir, "gatehouse.db")).size / 2 ** 30).toFixed(2)} GiB`
      : psql(`SELECT pg_size_pretty(pg_database_size('${where.pgDatabase}'))`);
  return { kind, seeded, rows, rss, size };
}

function report(result) {
  console.log(
    `\n${result.kind}: ${result.seeded.count.toLocaleString()} users (seed ${result.seeded.seed}), database ${result.size}, seeded in ${result.seeded.seconds} s ${JSON.stringify(result.seeded.timings)}`,
  );
  console.log(`GET /api/v2/users, production build, one request at a time, ${runs} runs per query (different values each run):`);
  console.table(result.rows);
  const misses = result.rows.filter((row) => row["p95 ms"] > GOAL_MS).map((row) => `${row.query} (${row["p95 ms"]} ms)`);
  console.log(`server RSS peak: ${result.rss} MB (goal <= ${GOAL_RSS_MB} MB)`);
  console.log(misses.length ? `p95 over ${GOAL_MS} ms: ${misses.join(", ")}` : `every p95 <= ${GOAL_MS} ms`);
}

process.env.NEXT_TELEMETRY_DISABLED = "1";
buildIfStale();
for (const kind of databases) report(await bench(kind));
