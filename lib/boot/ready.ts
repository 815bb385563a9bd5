// The instance's readiness: migrations applied and the tenant bootstrapped, once per process.
// Every route awaits it, so no request ever sees a half-set-up database. If the database is down
// at start, the attempt fails (requests get 503) and the next request tries again: the server
// recovers by itself when the database returns.
import { getDb, type Db } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { env } from "../env.ts";
import { logger } from "../logs/logger.ts";
import { masterSecret } from "../crypto/master-key.ts";
import { bootstrap, type BootstrapReport } from "./bootstrap.ts";
import { processGlobal } from "../process-global.ts";

// Next.js compiles the instrumentation hook, the pages and the route handlers into separate module
// graphs, so this module is instantiated several times in one server process. Module-level state
// would boot the instance once per graph (one setup link each, one database pool each). The boots
// therefore live on globalThis, keyed by database URL: one boot per database per process, and every
// graph gets the same database client from it. (The key matters where one process serves several
// databases on purpose, e.g. the test runner's global setups for SQLite and PostgreSQL.)
const boots = processGlobal("ready", () => new Map<string, Promise<Db>>());

let onReport: ((report: BootstrapReport) => void) | undefined;

async function start(): Promise<Db> {
  const config = env();
  masterSecret();
  const migration = await migrateDatabase(config.databaseUrl);
  for (const warning of migration.warnings) logger().warn(warning);
  if (migration.applied.length) logger().info({ migrations: migration.applied }, "applied database migrations");
  const db = await getDb();
  const report = await bootstrap(db, config);
  if (report.firstStart) logger().info({ database: config.databaseKind }, "first start: created the tenant");
  if (report.createdKeys.length) logger().info({ kids: report.createdKeys }, "created signing keys");
  if (report.setupUrl) {
    logger().warn(
      { setup_url: report.setupUrl },
      `No operator account exists yet. Create the first one at this one-time link (valid 24 hours): ${report.setupUrl}`,
    );
  }
  onReport?.(report);
  return db;
}

/** Resolves with the database once the instance is ready; retries on the next call after a failure. */
export function ready(): Promise<Db> {
  let key: string;
  try {
    key = env().databaseUrl;
  } catch (error) {
    return Promise.reject(error);
  }
  let attempt = boots.get(key);
  if (!attempt) {
    const started = start();
    attempt = started;
    boots.set(key, started);
    started.catch(() => {
      if (boots.get(key) === started) boots.delete(key);
    });
  }
  return attempt;
}

/** Lets the start-up script print the bootstrap report (setup link) on the console. */
export function onBootstrapReport(listener: (report: BootstrapReport) => void): void {
  onReport = listener;
}

export function resetReadyForTests(): void {
  boots.clear();
}
