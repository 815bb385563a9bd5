// Benchmark: client-credentials tokens per second at POST /oauth/token.
//
//   node bench/client-credentials.mjs [--db sqlite|postgres|both] [--duration 20] [--connections 32]
//                                     [--log-level info]
//
// Starts the production build (built first when stale) on a fresh database, waits for /ready,
// warms up, then drives /oauth/token with autocannon from a second process and prints tokens/s,
// p50 and p99 latency, and the server's resident memory (peak and at the end). Goal on a 2-core
// machine: >= 1,000 tokens/s with p99 < 50 ms on both databases. Run by hand; not part of CI.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildIfStale, projectRoot } from "../scripts/lib/build-if-stale.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const databases = (args.db ?? "both") === "both" ? ["sqlite", "postgres"] : [args.db];
const duration = Number(args.duration ?? 20);
const connections = Number(args.connections ?? 32);
const logLevel = args["log-level"] ?? "info";
const pgAdmin = process.env.GATEHOUSE_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const CLIENT_ID = "bench-client";
const CLIENT_SECRET = "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

async function freePort() {
  const server = net.createServer();
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

function rssKb(pid, field = "VmRSS") {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith(`${field}:`));
    return Number(line?.match(/(\d+)/)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function psql(sql) {
  execFileSync("psql", [pgAdmin, "-v", "ON_ERROR_STOP=1", "-qc", sql], { stdio: "ignore" });
}

function autocannon(url, body, seconds) {
  const bin = join(projectRoot, "node_modules/autocannon/autocannon.js");
  const out = execFileSync(process.execPath, [
    bin, "-j", "-c", String(connections), "-d", String(seconds), "-m", "POST",
    "-H", "content-type=application/x-www-form-urlencoded", "-b", body, url,
  ], { maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] });
  return JSON.parse(out.toString());
}

async function runOne(kind) {
  const dataDir = mkdtempSync(join(tmpdir(), `gatehouse-bench-${kind}-`));
  const port = await freePort();
  const pgDatabase = `gh_bench_${process.pid}_${Date.now()}`;
  let databaseUrl = `file:${join(dataDir, "gatehouse.db")}`;
  if (kind === "postgres") {
    psql(`CREATE DATABASE "${pgDatabase}"`);
    const url = new URL(pgAdmin);
    url.pathname = `/${pgDatabase}`;
    databaseUrl = url.toString();
  }
  const issuer = `http://localhost:${port}/`;
  const server = spawn(process.execPath, [join(projectRoot, "server.mjs")], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      GATEHOUSE_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      GATEHOUSE_ISSUER: issuer,
      GATEHOUSE_BOOTSTRAP_CLIENT_ID: CLIENT_ID,
      GATEHOUSE_BOOTSTRAP_CLIENT_SECRET: CLIENT_SECRET,
      GATEHOUSE_ADMIN_EMAIL: "operator@example.com",
      GATEHOUSE_ADMIN_PASSWORD: "Bench-Passw0rd-123!",
      LOG_LEVEL: logLevel,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${issuer}ready`)).status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error("server did not become ready in 60 s");
      await new Promise((r) => setTimeout(r, 200));
    }
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      audience: `${issuer}api/v2/`,
    }).toString();
    const url = `http://127.0.0.1:${port}/oauth/token`;
    const check = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    if (check.status !== 200) throw new Error(`token request failed: ${check.status} ${await check.text()}`);

    autocannon(url, body, 3); // warm-up: JIT, connection pools, caches
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssKb(server.pid))), 250);
    const result = await new Promise((resolve, reject) => {
      setImmediate(() => {
        try {
          resolve(autocannon(url, body, duration));
        } catch (e) {
          reject(e);
        }
      });
    });
    clearInterval(sampler);
    const ok = result["2xx"];
    return {
      database: kind,
      "tokens/s": Math.round(ok / result.duration),
      "p50 ms": result.latency.p50,
      "p99 ms": result.latency.p99,
      "max ms": result.latency.max,
      "non-2xx": result.non2xx,
      errors: result.errors + result.timeouts,
      "RSS peak MB": Math.round(Math.max(peak, rssKb(server.pid, "VmHWM")) / 1024),
      "RSS end MB": Math.round(rssKb(server.pid) / 1024),
      connections,
      seconds: duration,
    };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
    if (kind === "postgres") psql(`DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`);
  }
}

process.env.NEXT_TELEMETRY_DISABLED = "1";
buildIfStale();
const rows = [];
for (const kind of databases) {
  console.log(`\n${kind}: ${connections} connections for ${duration} s (LOG_LEVEL=${logLevel}) ...`);
  rows.push(await runOne(kind));
}
console.log("\nPOST /oauth/token (client_credentials), production build, 2 cores shared with the load generator:");
console.table(rows);
