// Cross-instance mutual exclusion for rare, must-not-race writes (bootstrap, key rotation, the
// import jobs cap). PostgreSQL: a transaction-scoped advisory lock. SQLite: transactions are
// already serialized (one writer), so nothing to do.
import type { DbOrTx } from "./client.ts";
import { env } from "../env.ts";

const BOOTSTRAP_LOCK = 7_247_117_935_002;
const IMPORT_JOBS_LOCK = 7_247_117_935_003;

export async function lockForBootstrap(tx: DbOrTx): Promise<void> {
  if (env().databaseKind === "postgres") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
}

/** Serializes "count the active imports, then add one" (lib/jobs/import-jobs-cap.ts) across instances. */
export async function lockForImportJobs(tx: DbOrTx): Promise<void> {
  if (env().databaseKind === "postgres") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${IMPORT_JOBS_LOCK})`);
}
