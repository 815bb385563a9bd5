// Cancels a job that has not ended (a Gatehouse extension: POST /api/v2/jobs/{id}/cancel, and the
// dashboard's Jobs page). A pending job never starts. A processing job stops at its next batch: the
// runner's checkpoint UPDATE requires status `processing` (write-import-batch.ts, and the export and
// bulk runners likewise), so the batch in flight rolls back and nothing more is written; what the
// committed batches wrote stays (an import is not undone), and the summary counts it. The import's
// slot (at most 2 active imports) is free at once; its upload is deleted with the job's retention.
import type { Db } from "../../db/client.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import type { Actor } from "../actor.ts";
import { conflict, notFound } from "../errors.ts";

const ACTIVE = ["pending", "processing"];

function cancelledBy(actor: Actor): string {
  if (actor.kind === "operator") return actor.email ?? actor.userId;
  if (actor.kind === "client") return actor.clientId;
  return actor.reason;
}

export async function cancelJob(db: Db, jobId: string, actor: Actor): Promise<void> {
  const { count } = await db.job.updateMany({
    where: { id: jobId, status: { in: ACTIVE } },
    data: { status: "cancelled", status_details: `Cancelled by ${cancelledBy(actor)}.`, completed_at: new Date(), lease_owner: null, lease_expires_at: null },
  });
  if (count === 0) {
    const job = await db.job.findUnique({ where: { id: jobId }, select: { status: true } });
    if (!job) throw notFound("Job not found.", "inexistent_job");
    throw conflict(`The job has already ended (${job.status}).`, "job_ended");
  }
  await writeLogEvent(db, {
    type: "sapi",
    description: "Cancel a job",
    ...(actor.kind === "client" ? { client_id: actor.clientId } : {}),
    details: { job_id: jobId, by: cancelledBy(actor) },
  });
}
