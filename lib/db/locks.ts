// Cross-instance mutual exclusion for rare, must-not-race writes (bootstrap, key rotation).
// PostgreSQL: a transaction-scoped advisory lock. SQLite: transactions are already serialized
// (one writer), so nothing to do.
import type { DbOrTx } from "./client.ts";
import { env } from "../env.ts";

const BOOTSTRAP_LOCK = 7_247_117_935_002;

export async function lockForBootstrap(tx: DbOrTx): Promise<void> {
  if (env().databaseKind === "postgres") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
}
