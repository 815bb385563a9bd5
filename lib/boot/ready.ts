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

let pending: Promise<Db> | undefined;
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
  if (!pending) {
    pending = start();
    pending.catch(() => {
      pending = undefined;
    });
  }
  return pending;
}

/** Lets the start-up script print the bootstrap report (setup link) on the console. */
export function onBootstrapReport(listener: (report: BootstrapReport) => void): void {
  onReport = listener;
}

export function resetReadyForTests(): void {
  pending = undefined;
}
