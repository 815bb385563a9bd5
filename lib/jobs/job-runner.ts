// The job runner: started once per process at boot (lib/boot/boot-at-start.ts), it polls the jobs
// table, claims one runnable job at a time with a lease (job-leases.ts), renews the lease while it
// works, and records the outcome. Any number of instances may run it against one database.
//
// A job whose runner died (kill -9, power loss) keeps its lease until the lease expires; then any
// runner claims it and resumes from the job's checkpoint. An unexpected error (the database went
// away) releases the lease so the job is retried at the next poll; a job claimed MAX_ATTEMPTS
// times without finishing is failed.
//
// When idle, the runner also does the tenant's periodic chores: it purges jobs past their
// retention and expired protocol records (lib/maintenance/purge-expired-records.ts), and sends
// the breached password digests that are due (each digest once, whichever instance gets there
// first: lib/attack-protection/breached-password-digest.ts).
import { sendBreachedPasswordDigests } from "../attack-protection/breached-password-digest.ts";
import type { Db } from "../db/client.ts";
import { logger } from "../logs/logger.ts";
import { writeLogEvent } from "../logs/write-log-event.ts";
import { processGlobal } from "../process-global.ts";
import { runUsersBulk } from "./bulk/run-users-bulk.ts";
import { exportFileName, runUsersExport, type UsersExportParams } from "./export/run-users-export.ts";
import { runUsersImport, type UsersImportParams } from "./import/run-users-import.ts";
import { sendImportCompletionEmail } from "./import/send-import-completion-email.ts";
import { removeJobFile } from "./job-files.ts";
import { purgeExpiredJobs } from "./purge-expired-jobs.ts";
import { purgeExpiredRecords } from "../maintenance/purge-expired-records.ts";
import { dialectOf } from "./job-sql.ts";
import { claimNextJob, finishJob, LeaseLostError, MAX_ATTEMPTS, renewLease, runnerInstanceId, type ClaimedJob } from "./job-leases.ts";

export type JobRunnerOptions = {
  /** How long a claim lasts without renewal. A dead runner's job waits this long before it resumes. */
  leaseMs?: number;
  /** How often an idle runner looks for work. */
  pollMs?: number;
  /**
   * Import records per transaction. Default 2,000. On SQLite a commit writes every page the batch
   * dirtied (twice: WAL, then checkpoint), and 2,000 users share pages that 4 × 500 would each
   * write again: 27% less CPU than batches of 500 (measured on 100,000 users). The batch holds the
   * shared connection while it runs (~150 ms) but yields the event loop every 20 ms (job-sql.ts).
   */
  batchSize?: number;
  owner?: string;
};

/** How often an idle runner deletes jobs past their retention. */
const PURGE_INTERVAL_MS = 10 * 60 * 1000;
/** How often an idle runner looks for due admin digests (a digest goes out within this of its period's end). */
const DIGEST_INTERVAL_MS = 5 * 60 * 1000;

const DEFAULTS = { leaseMs: 30_000, pollMs: 1_000, batchSize: 0 };

type Resolved = Required<JobRunnerOptions>;
const resolve = (options: JobRunnerOptions): Resolved => ({ ...DEFAULTS, owner: runnerInstanceId(), ...options });

async function execute(db: Db, job: ClaimedJob, options: Resolved): Promise<void> {
  if (job.attempts > MAX_ATTEMPTS) {
    await finishJob(db, job.id, options.owner, { status: "failed", statusDetails: `The job was abandoned after ${MAX_ATTEMPTS} attempts.` });
    return;
  }
  if (job.type === "users_import") {
    const batchSize = options.batchSize || 2_000;
    const outcome = await runUsersImport(db, job, { owner: options.owner, batchSize });
    const done = await finishJob(db, job.id, options.owner, outcome);
    if (done) {
      // The upload is no longer needed once the job has ended.
      await removeJobFile(job.file_name).catch(() => {});
      await refreshStatistics(db, job.id);
      if ((job.params as UsersImportParams).send_completion_email)
        await sendImportCompletionEmail(db, job.id).catch((error: unknown) => logger().warn({ err: error, job_id: job.id }, "import completion email failed"));
      const summary = await db.job.findUnique({ where: { id: job.id }, select: { inserted: true, updated: true, failed: true, total: true } });
      await writeLogEvent(db, {
        type: outcome.status === "completed" ? "sui" : "fui",
        description: outcome.status === "completed" ? "Users import completed" : `Users import failed: ${outcome.statusDetails}`,
        connection_id: job.connection_id,
        details: { job_id: job.id, summary },
      });
    }
    return;
  }
  if (job.type === "users_export") {
    const { fileName, written } = await runUsersExport(db, job, { owner: options.owner });
    // Not finished when cancelled (or taken over) after its last progress report.
    if (!(await finishJob(db, job.id, options.owner, { status: "completed", data: { file_name: fileName, total: written } }))) await stoppedWithoutLease(db, job);
    return;
  }
  if (job.type === "users_bulk") {
    await runUsersBulk(db, job.id, { owner: options.owner, ...(options.batchSize ? { batchSize: options.batchSize } : {}) });
    await finishJob(db, job.id, options.owner, { status: "completed" });
    return;
  }
  await finishJob(db, job.id, options.owner, { status: "failed", statusDetails: `Unknown job type ${job.type}.` });
}

/**
 * After a large import, PostgreSQL's planner still has the statistics of the tables before it
 * (autovacuum analyzes them later): with them, a query for 1,000 users' identities chose a
 * sequential scan of a million rows, and an export right after a 1M import ran 20x slower
 * (measured). So large imports end with ANALYZE, as bulk loaders do.
 */
async function refreshStatistics(db: Db, jobId: string): Promise<void> {
  if (dialectOf(db) !== "postgres") return;
  const job = await db.job.findUnique({ where: { id: jobId }, select: { inserted: true, updated: true } });
  if (!job || job.inserted + job.updated < ANALYZE_AFTER_ROWS) return;
  for (const table of ["users", "user_identities", "user_passwords", "user_metadata_values"])
    await db.$executeRawUnsafe(`ANALYZE "${table}"`).catch((error: unknown) => logger().warn({ err: error, table }, "ANALYZE after import failed"));
}
const ANALYZE_AFTER_ROWS = 10_000;

/**
 * The runner lost the job: cancelled (services/jobs/cancel-job.ts; an export's partial file is
 * deleted), or taken over by another runner after this one's lease expired.
 */
async function stoppedWithoutLease(db: Db, job: ClaimedJob): Promise<void> {
  const current = await db.job.findUnique({ where: { id: job.id }, select: { status: true } }).catch(() => null);
  if (current?.status !== "cancelled") {
    logger().warn({ job_id: job.id }, "job lease lost; another runner has the job");
    return;
  }
  logger().info({ job_id: job.id }, "job cancelled; the runner stopped it");
  if (job.type === "users_export") await removeJobFile(exportFileName(job.id, (job.params as UsersExportParams).format)).catch(() => {});
}

/** Runs one claimed job with its lease renewed; never throws. */
async function runClaimed(db: Db, job: ClaimedJob, options: Resolved): Promise<void> {
  const renewal = setInterval(() => {
    renewLease(db, job.id, options.owner, options.leaseMs).catch(() => {});
  }, Math.max(100, Math.floor(options.leaseMs / 3)));
  renewal.unref();
  try {
    await execute(db, job, options);
  } catch (error) {
    if (error instanceof LeaseLostError) await stoppedWithoutLease(db, job);
    else {
      logger().error({ err: error, job_id: job.id }, "job failed unexpectedly; it will be retried");
      await db.job.updateMany({ where: { id: job.id, lease_owner: options.owner }, data: { lease_owner: null, lease_expires_at: null } }).catch(() => {});
    }
  } finally {
    clearInterval(renewal);
  }
}

/** Runs jobs until none is claimable (tests, benchmarks, the CLI). Returns how many ran. */
export async function runPendingJobs(db: Db, options: JobRunnerOptions = {}): Promise<number> {
  const resolved = resolve(options);
  let ran = 0;
  for (;;) {
    const job = await claimNextJob(db, resolved.owner, resolved.leaseMs);
    if (!job) return ran;
    await runClaimed(db, job, resolved);
    ran++;
  }
}

type RunnerState = { stop: () => Promise<void> };
const runners = processGlobal("jobs.runners", () => new Map<Db, RunnerState>());

/** Starts the polling runner for this database (once per process). */
export function startJobRunner(db: Db, options: JobRunnerOptions = {}): RunnerState {
  const existing = runners.get(db);
  if (existing) return existing;
  const resolved = resolve(options);
  let stopped = false;
  let wake: (() => void) | undefined;
  let lastPurge = 0;
  let lastDigestCheck = 0;
  const loop = (async () => {
    while (!stopped) {
      try {
        const job = await claimNextJob(db, resolved.owner, resolved.leaseMs);
        if (job) {
          await runClaimed(db, job, resolved);
          continue;
        }
        if (Date.now() - lastPurge > PURGE_INTERVAL_MS) {
          lastPurge = Date.now();
          await purgeExpiredJobs(db);
          await purgeExpiredRecords(db).catch((error: unknown) => logger().warn({ err: error }, "job runner: purging expired records failed"));
        }
        if (Date.now() - lastDigestCheck > DIGEST_INTERVAL_MS) {
          lastDigestCheck = Date.now();
          await sendBreachedPasswordDigests(db).catch((error: unknown) => logger().warn({ err: error }, "job runner: breached password digests failed"));
        }
      } catch (error) {
        logger().warn({ err: error }, "job runner: polling failed");
      }
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, resolved.pollMs).unref();
      });
    }
  })();
  const state: RunnerState = {
    async stop() {
      stopped = true;
      wake?.();
      runners.delete(db);
      await loop;
    },
  };
  runners.set(db, state);
  return state;
}

/** Starts the runner once `ready` succeeds, retrying while the database is unavailable. */
export function startJobRunnerWhenReady(ready: () => Promise<Db>, options: JobRunnerOptions = {}): void {
  const attempt = () => {
    ready().then(
      (db) => startJobRunner(db, options),
      () => setTimeout(attempt, 5_000).unref(),
    );
  };
  attempt();
}
