// `npm test`: the whole suite, as CI runs it (.ci/run). Fails fast, in order of cost:
//   1. the environment: PostgreSQL reachable (started when it is down and we may), Chromium present
//      (installed from Debian's packages when missing; scripts/test-e2e.mjs)
//   2. prisma schemas and migrations match prisma/models.prisma, for both databases
//   3. TypeScript (strict)
//   4. Vitest: unit tests, then every database test on SQLite and on PostgreSQL
//   5. Playwright end-to-end tests against a production build (scripts/test-e2e.mjs)
// `npm test -- --no-e2e` skips step 5 while iterating.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import net from "node:net";
import { projectRoot } from "./lib/build-if-stale.mjs";

const skipE2e = process.argv.includes("--no-e2e");
const started = Date.now();
process.env.NEXT_TELEMETRY_DISABLED = "1";

function step(title, command, args, env = {}) {
  const t = Date.now();
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${Math.round((Date.now() - t) / 1000)} s)`);
}

function reachable(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.setTimeout(2000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

async function ensurePostgres() {
  const url = new URL(process.env.GATEHOUSE_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  const port = Number(url.port || 5432);
  if (await reachable(port, url.hostname)) return;
  // The project's machines run PostgreSQL 15 from Debian (TOOLCHAIN.md); start it if it stopped.
  if (existsSync("/etc/postgresql") && process.getuid?.() === 0) {
    for (const version of readdirSync("/etc/postgresql")) {
      spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "inherit" });
    }
    for (let i = 0; i < 30 && !(await reachable(port, url.hostname)); i++) await new Promise((r) => setTimeout(r, 500));
  }
  if (!(await reachable(port, url.hostname))) {
    console.error(`PostgreSQL is not reachable at ${url.hostname}:${port}. The suite runs every database test on it; start it or set GATEHOUSE_TEST_PG_URL.`);
    process.exit(1);
  }
}

await ensurePostgres();
step("Prisma schemas are generated from prisma/models.prisma", process.execPath, ["scripts/prisma-schemas.mjs", "--check"]);
step("Migrations match the model (SQLite and PostgreSQL)", process.execPath, ["scripts/db-migrations.mjs", "check"]);
step("TypeScript", process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "tsconfig.json", "--incremental", "false"]);
step("Vitest: unit, SQLite, PostgreSQL", process.execPath, ["node_modules/vitest/vitest.mjs", "run"]);
if (!skipE2e) step("Playwright end-to-end", process.execPath, ["scripts/test-e2e.mjs"]);
console.log(`\nAll green in ${Math.round((Date.now() - started) / 1000)} s.`);
