// `npm run test:e2e`: the Playwright suite (e2e/). Makes sure Chromium is installed (the system
// package: Playwright cannot download its browsers here, TOOLCHAIN.md) and the production build is
// fresh, then runs `playwright test` with any arguments given (e.g. `npm run test:e2e -- e2e/home.spec.ts`),
// on SQLite and then on PostgreSQL (E2E_DB=sqlite or postgres for one of them).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { buildIfStale, projectRoot } from "./lib/build-if-stale.mjs";

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = "1";
process.env.NEXT_TELEMETRY_DISABLED = "1";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  if (process.env.CHROMIUM_PATH || process.getuid?.() !== 0) {
    console.error(
      `Chromium not found at ${chromium}. Install it with \`sudo apt-get install -y chromium\` (Debian/Ubuntu), ` +
        "or set CHROMIUM_PATH to a Chromium or Chrome binary. (`npx playwright install` cannot download browsers here.)",
    );
    process.exit(1);
  }
  console.log("Chromium is missing: apt-get install -y chromium (about 2 minutes)");
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "chromium"]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env: aptEnv });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
      process.exit(1);
    }
  }
  if (!existsSync(chromium)) {
    console.error(`apt-get installed chromium, but ${chromium} still does not exist; set CHROMIUM_PATH.`);
    process.exit(1);
  }
}

buildIfStale();

// Every spec runs on both databases, one after the other (they share the port and the build):
// E2E_DB=sqlite or E2E_DB=postgres runs only one.
const databases = process.env.E2E_DB ? [process.env.E2E_DB] : ["sqlite", "postgres"];
for (const database of databases) {
  const started = Date.now();
  console.log(`\n▶ Playwright on ${database}`);
  const result = spawnSync(join(projectRoot, "node_modules/.bin/playwright"), ["test", ...process.argv.slice(2)], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, E2E_DB: database },
  });
  console.log(`Playwright on ${database} finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}
