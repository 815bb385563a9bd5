// Job data lives for 24 hours after the job ends, as Auth0's does (§5.1, §6): then the job row,
// its error entries and its files (upload, export) are deleted. Run by the job runner when idle.
import type { Db } from "../db/client.ts";
import { removeJobFile } from "./job-files.ts";

export const JOB_RETENTION_MS = 24 * 3600 * 1000;

export async function purgeExpiredJobs(db: Db, now = Date.now()): Promise<number> {
  const expired = await db.job.findMany({
    where: { status: { in: ["completed", "failed", "cancelled"] }, completed_at: { lt: new Date(now - JOB_RETENTION_MS) } },
    select: { id: true, file_name: true },
    take: 500,
  });
  for (const job of expired) {
    await removeJobFile(job.file_name);
    await removeJobFile(`${job.id}.import`);
  }
  if (expired.length > 0) await db.job.deleteMany({ where: { id: { in: expired.map((j) => j.id) } } });
  return expired.length;
}
