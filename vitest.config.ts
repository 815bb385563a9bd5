import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Three projects:
//   unit      pure tests (*.test.ts), no database
//   sqlite    database tests (*.db.test.ts) on SQLite
//   postgres  the same database tests on PostgreSQL, plus *.pg.test.ts
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "tests/**/*.test.ts"], exclude: ["**/*.db.test.ts", "**/*.pg.test.ts", "node_modules/**"] },
      },
      ...(["sqlite", "postgres"] as const).map((kind) => ({
        extends: true as const,
        test: {
          name: kind,
          // *.pg.test.ts: PostgreSQL-only behaviour (e.g. a database that becomes unreachable).
          include: ["lib/**/*.db.test.ts", "tests/**/*.db.test.ts", ...(kind === "postgres" ? ["tests/**/*.pg.test.ts"] : [])],
          env: { GATEHOUSE_TEST_DB: kind },
          globalSetup: ["tests/setup/global-database.ts"],
          setupFiles: ["tests/setup/database.ts"],
        },
      })),
    ],
  },
});
