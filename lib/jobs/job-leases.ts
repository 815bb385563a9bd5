// Who runs a job. A runner claims a pending (or abandoned) job by setting lease_owner and
// lease_expires_at with a compare-and-set on the job row, so two instances polling together never
// both get it; it renews the lease while it works. Every batch commits only while the lease is
// still its own (write-import-batch.ts checks lease_owner in the batch's transaction), so a runner
// that stalled past its lease and lost the job to another cannot write a duplicate.
import { hostname } from "node:os";
import type { Db } from "../db/client.ts";
import { randomAlphanumeric } from "../crypto/random.ts";

export const RUNNABLE_STATUSES = ["pending", "processing"] as const;
/** Jobs given up after this many claims (a record that crashes the process every time). */
export const MAX_ATTEMPTS = 5;

export class LeaseLostError extends Error {
  override name = "LeaseLostError";
}

let instanceId: string | undefined;
/** This process's runner identity. */
export function runnerInstanceId(): string {
  instanceId ??= `${hostname()}:${process.pid}:${randomAlphanumeric(6)}`;
  return instanceId;
}

export type ClaimedJob = NonNullable<Awaited<ReturnType<Db["job"]["findUnique"]>>>;

/** Claims the oldest runnable job whose lease is free or expired, or returns null. */
export async function claimNextJob(db: Db, owner: string, leaseMs: number, types?: readonly string[]): Promise<ClaimedJob | null> {
  const now = new Date();
  const free = { OR: [{ lease_expires_at: null }, { lease_expires_at: { lt: now } }] };
  const candidates = await db.job.findMany({
    where: { status: { in: [...RUNNABLE_STATUSES] }, ...(types ? { type: { in: [...types] } } : {}), ...free },
    orderBy: [{ created_at: "asc" }, { id: "asc" }],
    take: 5,
    select: { id: true },
  });
  for (const candidate of candidates) {
    const { count } = await db.job.updateMany({
      where: { id: candidate.id, status: { in: [...RUNNABLE_STATUSES] }, ...free },
      data: { status: "processing", lease_owner: owner, lease_expires_at: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
    });
    if (count === 1) {
      await db.job.updateMany({ where: { id: candidate.id, started_at: null }, data: { started_at: now } });
      return db.job.findUnique({ where: { id: candidate.id } });
    }
  }
  return null;
}

/** Extends the lease; false when another runner has taken the job (or it was cancelled). */
export async function renewLease(db: Db, jobId: string, owner: string, leaseMs: number): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id: jobId, lease_owner: owner, status: "processing" },
    data: { lease_expires_at: new Date(Date.now() + leaseMs) },
  });
  return count === 1;
}

/** Ends the job (completed or failed) if this runner still holds it. */
export async function finishJob(
  db: Db,
  jobId: string,
  owner: string,
  outcome: { status: "completed" | "failed"; statusDetails?: string; data?: { file_name?: string | null; total?: number } },
): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id: jobId, lease_owner: owner, status: "processing" },
    data: {
      status: outcome.status,
      status_details: outcome.statusDetails ?? null,
      completed_at: new Date(),
      lease_owner: null,
      lease_expires_at: null,
      ...outcome.data,
    },
  });
  return count === 1;
}
