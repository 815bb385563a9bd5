// GET /api/v2/jobs/{id} (auth0-management-api.md §3.13).
import type { Db } from "../../db/client.ts";
import { notFound } from "../errors.ts";
import { PASSWORD_HASHES_SCOPE } from "./create-users-export-job.ts";
import { presentJob } from "./present-job.ts";

/**
 * The download link of an export that holds password hashes goes only to callers holding
 * read:user_password_hashes (PASSWORD_HASHES_SCOPE), like the request that created it.
 */
export async function getJob(db: Db, jobId: string, callerScopes: ReadonlySet<string>): Promise<Record<string, unknown>> {
  const job = await db.job.findUnique({ where: { id: jobId } });
  if (!job) throw notFound("Job not found.", "inexistent_job");
  const connection = job.connection_id ? await db.connection.findUnique({ where: { id: job.connection_id }, select: { name: true } }) : null;
  const presented = presentJob(job, connection?.name);
  if (presented.include_password_hashes && !callerScopes.has(PASSWORD_HASHES_SCOPE)) delete presented.location;
  return presented;
}
