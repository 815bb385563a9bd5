// Runs a users_bulk job (users-bulk-params.ts): one action over every user of a search snapshot, in
// batches walked by keyset on user_id. Each user goes through the same service as the single-user
// dashboard action (update-user.ts for block/unblock, delete-user.ts with its clean-up of identities,
// passwords, tickets, blocks and logs, assign-user-roles.ts, remove-user-roles.ts), followed by the
// same `sapi` audit event the dashboard writes (client gatehouse-dashboard, the operator who
// confirmed, the job id). A refusal (operator accounts, a role that no longer exists, a user deleted
// meanwhile) is a job error for that user; the job goes on.
//
// Checkpoint: after each batch, one transaction (guarded by the lease) writes the keyset position
// (`params.after`), the counters and the batch's job errors. A run that dies mid-batch resumes after
// the last committed batch: no user before it is touched again and none after it is skipped; the
// users of the interrupted batch are handled again, which changes nothing (every action is
// idempotent: blocking a blocked user, deleting a deleted one, re-assigning a held role) but may
// write their audit event twice.
import type { Db } from "../../db/client.ts";
import { DASHBOARD_CLIENT_ID, DASHBOARD_CLIENT_NAME } from "../../dashboard/dashboard-client.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import type { Actor } from "../../services/actor.ts";
import { AppError } from "../../services/errors.ts";
import { assignUserRoles } from "../../services/users/assign-user-roles.ts";
import { deleteUser } from "../../services/users/delete-user.ts";
import { removeUserRoles } from "../../services/users/remove-user-roles.ts";
import { updateUser } from "../../services/users/update-user.ts";
import { LeaseLostError } from "../job-leases.ts";
import { countBulkSnapshot, nextBulkUserIds } from "./users-bulk-query.ts";
import { usersBulkParamsSchema, type UsersBulkParams } from "./users-bulk-params.ts";

export const BULK_BATCH_SIZE = 100;

const AUDIT: Record<UsersBulkParams["action"], string> = {
  block: "Block a user",
  unblock: "Unblock a user",
  delete: "Delete a user",
  assign_role: "Assign roles to a user",
  remove_role: "Remove roles from a user",
};

async function applyToUser(db: Db, params: UsersBulkParams, userId: string, actor: Actor): Promise<void> {
  switch (params.action) {
    case "block":
    case "unblock":
      await updateUser(db, userId, { blocked: params.action === "block" }, actor);
      return;
    case "delete":
      await deleteUser(db, userId, actor);
      return;
    case "assign_role":
      await assignUserRoles(db, userId, [params.role_id!], actor);
      return;
    case "remove_role":
      await removeUserRoles(db, userId, [params.role_id!], actor);
      return;
  }
}

/**
 * Handles the next batch of the job held by `owner` and commits it with its checkpoint. Returns
 * false when the snapshot is exhausted (nothing was left to do).
 */
export async function runUsersBulkBatch(db: Db, jobId: string, context: { owner: string; batchSize?: number }): Promise<boolean> {
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
  const params = usersBulkParamsSchema.parse(job.params);
  const ids = await nextBulkUserIds(db, params, params.after, context.batchSize ?? BULK_BATCH_SIZE);
  if (ids.length === 0) return false;
  const actor: Actor = { kind: "operator", userId: params.operator.user_id, email: params.operator.email };
  const errors: { record_index: number; position: number; code: string; message: string; record: { user_id: string } }[] = [];
  let changed = 0;
  for (const [i, userId] of ids.entries()) {
    try {
      await applyToUser(db, params, userId, actor);
      changed++;
      await writeLogEvent(db, {
        type: "sapi",
        description: AUDIT[params.action],
        client_id: DASHBOARD_CLIENT_ID,
        client_name: DASHBOARD_CLIENT_NAME,
        user_id: userId,
        details: { operator: params.operator, job_id: job.id, ...(params.role_id ? { roles: [params.role_id] } : {}) },
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      errors.push({ record_index: job.checkpoint_records + i, position: 0, code: error.errorCode ?? "error", message: error.message, record: { user_id: userId } });
    }
  }
  const next: UsersBulkParams = { ...params, after: ids.at(-1)! };
  await db.$transaction(async (tx) => {
    const { count } = await tx.job.updateMany({
      where: { id: job.id, lease_owner: context.owner, status: "processing" },
      data: {
        params: next,
        checkpoint_records: { increment: ids.length },
        total: { increment: ids.length },
        updated: { increment: changed },
        failed: { increment: errors.length },
      },
    });
    if (count !== 1) throw new LeaseLostError(`job ${job.id}: the lease was lost`);
    if (errors.length) await tx.jobError.createMany({ data: errors.map((e) => ({ job_id: job.id, ...e })) });
  });
  return true;
}

/** Runs the job from its checkpoint to the end of the snapshot. */
export async function runUsersBulk(db: Db, jobId: string, context: { owner: string; batchSize?: number }): Promise<void> {
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
  const params = usersBulkParamsSchema.parse(job.params);
  if (params.after === undefined) {
    // The amount of work: the snapshot as it is now (deleted users have left it since the confirmation).
    const total = await countBulkSnapshot(db, params);
    await db.job.updateMany({ where: { id: jobId, lease_owner: context.owner }, data: { work_total: BigInt(total) } });
  }
  while (await runUsersBulkBatch(db, jobId, context));
}
