// GET /api/v2/jobs/{id}/errors (auth0-management-api.md §3.13, §5.7): the failed records of an
// import, in file order, as [{ user: <record as submitted, secrets masked>, errors: [{ code,
// message, path }] }]; a job that failed as a whole answers its status object instead; no errors
// at all is a 204 (null here).
import type { Db } from "../../db/client.ts";
import { notFound } from "../errors.ts";

export type JobErrorEntry = { user: unknown; errors: { code: string; message: string; path?: string }[] };

export async function listJobErrors(db: Db, jobId: string): Promise<JobErrorEntry[] | Record<string, unknown> | null> {
  const job = await db.job.findUnique({ where: { id: jobId }, select: { id: true, type: true, status: true, created_at: true, connection_id: true, status_details: true } });
  if (!job) throw notFound("The job does not exist", "inexistent_job");
  if (job.status === "failed")
    return { status: job.status, type: job.type, created_at: job.created_at.toISOString(), id: job.id, connection_id: job.connection_id ?? undefined, status_details: job.status_details ?? undefined };
  const rows = await db.jobError.findMany({ where: { job_id: jobId }, orderBy: [{ record_index: "asc" }, { position: "asc" }] });
  if (rows.length === 0) return null;
  const entries: JobErrorEntry[] = [];
  let current: { index: number; entry: JobErrorEntry } | undefined;
  for (const row of rows) {
    if (!current || current.index !== row.record_index) {
      current = { index: row.record_index, entry: { user: row.record, errors: [] } };
      entries.push(current.entry);
    }
    current.entry.errors.push({ code: row.code, message: row.message, ...(row.path ? { path: row.path } : {}) });
  }
  return entries;
}
