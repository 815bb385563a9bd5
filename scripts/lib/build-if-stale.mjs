// Runs `next build` when the production build is missing or older than the sources it was built
// from. Shared by `npm start` (scripts/start.mjs) and `npm run test:e2e` (scripts/test-e2e.mjs).
//
// Fresh means: .next/BUILD_ID exists and is newer than every file under app/, components/, lib/,
// prisma/ and the root files that shape the build (next.config.js, package-lock.json, ...).
// Generated Prisma clients and test files are ignored: they do not change what the build serves.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

const SOURCE_DIRS = ["app", "components", "lib", "prisma"];
const SOURCE_FILES = [
  "next.config.js", "package-lock.json", "package.json", "tsconfig.json", "postcss.config.mjs",
  "instrumentation.ts", "proxy.ts",
];
const IGNORED = [/(^|\/)node_modules\//, /^lib\/db\/generated\//, /\.test\.tsx?$/, /(^|\/)\.(?!well-known\/)/];

function newestIn(root, relative, newest) {
  const full = join(root, relative);
  let entries;
  try {
    entries = readdirSync(full, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const entry of entries) {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (IGNORED.some((re) => re.test(entry.isDirectory() ? `${path}/` : path))) continue;
    if (entry.isDirectory()) newest = newestIn(root, path, newest);
    else if (entry.isFile()) {
      const mtime = statSync(join(root, path)).mtimeMs;
      if (mtime > newest.mtime) newest = { mtime, path };
    }
  }
  return newest;
}

/** Why a build is needed ("no build yet", "app/page.tsx changed"), or null when the build is fresh. */
export function staleReason(root = projectRoot) {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "no production build yet";
  const built = statSync(buildId).mtimeMs;
  let newest = { mtime: 0, path: "" };
  for (const dir of SOURCE_DIRS) newest = newestIn(root, dir, newest);
  for (const file of SOURCE_FILES) {
    const path = join(root, file);
    if (existsSync(path)) {
      const mtime = statSync(path).mtimeMs;
      if (mtime > newest.mtime) newest = { mtime, path: file };
    }
  }
  return newest.mtime > built ? `${newest.path} changed since the last build` : null;
}

/** Builds when stale. Exits the process with next build's status if the build fails. */
export function buildIfStale({ root = projectRoot, log = console.log } = {}) {
  // The breached-password corpus is read at run time, not built into .next (scripts/build-breached-passwords.mjs).
  const corpus = spawnSync(process.execPath, [join(root, "scripts/build-breached-passwords.mjs"), "--if-missing"], { cwd: root, stdio: "inherit" });
  if (corpus.status !== 0) process.exit(corpus.status ?? 1);
  const reason = staleReason(root);
  if (!reason) return false;
  log(`Building Gatehouse (${reason}): next build`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    // The build must never reach the internet (no telemetry) and never boots the instance.
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error(`next build failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
