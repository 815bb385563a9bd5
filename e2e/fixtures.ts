// Shared fixtures of the Playwright specs.
//
// `setupUrl`: the one-time setup link of the instance under test. scripts/e2e-server.mjs writes it
// to <E2E_DATA_DIR>/setup-url.txt as soon as the server logs it; this fixture waits for that file.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test as base } from "@playwright/test";

export { expect } from "@playwright/test";

async function readSetupUrl(timeoutMs = 15_000): Promise<string> {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set: run the suite through playwright.config.ts (npm run test:e2e)");
  const file = join(dataDir, "setup-url.txt");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return new URL(readFileSync(file, "utf8").trim()).toString();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`No setup link in ${file} after ${timeoutMs} ms`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export const test = base.extend<object, { setupUrl: string }>({
  setupUrl: [
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature
    async ({}, use) => {
      await use(await readSetupUrl());
    },
    { scope: "worker" },
  ],
});
