// Playwright: real-browser tests (e2e/) against the production build, on a fresh instance with its
// own temporary data directory (scripts/e2e-server.mjs). Run with `npm run test:e2e`, which
// ensures Chromium and a fresh build first (scripts/test-e2e.mjs). Chromium is the system one
// (TOOLCHAIN.md): Playwright cannot download browsers here.
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);

// The runner loads this file first and names the instance's data directory; its workers load it
// again and inherit the variable, so they find the same directory (and the setup link the server
// writes there, see e2e/fixtures.ts). scripts/e2e-server.mjs creates it and removes it on exit.
process.env.E2E_DATA_DIR ??= join(tmpdir(), `gatehouse-e2e-${process.pid}-${randomBytes(4).toString("hex")}`);
process.env.E2E_PORT = String(port);

export default defineConfig({
  testDir: "e2e",
  workers: 2,
  // One retry: a test that fails and then passes is reported as "flaky" (with the first failure's
  // error and trace) instead of failing the run. A flaky test is a bug to fix, not noise: the
  // summary line counts them. (A CI run lost to one timing flake on a loaded machine: see
  // e2e/dashboard-users.spec.ts, which now fails with the toast it got.)
  retries: 1,
  reporter: "list",
  // One folder per database (scripts/test-e2e.mjs runs the suite on each): traces and screenshots.
  outputDir: `test-results/${process.env.E2E_DB ?? "sqlite"}`,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    // The issuer's origin: forms check the Origin header against it.
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          // Without the networking flags, Chromium floods the closed network (TOOLCHAIN.md).
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://127.0.0.1:${port}/ready`,
    // Never reuse a server: the tests need a fresh instance whose setup link they know.
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: process.env.E2E_SERVER_LOG ? "pipe" : "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: { E2E_DATA_DIR: process.env.E2E_DATA_DIR, E2E_PORT: String(port), E2E_DB: process.env.E2E_DB ?? "sqlite" },
  },
});
