// Job data lives 24 hours after the job ends (auth0-management-api.md §5.1, §6): then the row,
// its error entries and its files are deleted; running and recent jobs are kept.
import { existsSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ready } from "../../lib/boot/ready.ts";
import { newJobId } from "../../lib/crypto/ids.ts";
import { jobFilePath } from "../../lib/jobs/job-files.ts";
import { JOB_RETENTION_MS, purgeExpiredJobs } from "../../lib/jobs/purge-expired-jobs.ts";

describe("job retention", () => {
  it("deletes ended jobs older than 24 hours with their errors and files", async () => {
    const db = await ready();
    const make = async (status: string, endedAgoMs: number | null) => {
      const id = newJobId();
      const fileName = `${id}.json.gz`;
      writeFileSync(jobFilePath(fileName), "x");
      await db.job.create({
        data: { id, type: "users_export", status, params: { format: "json" }, file_name: fileName, completed_at: endedAgoMs === null ? null : new Date(Date.now() - endedAgoMs) },
      });
      await db.jobError.create({ data: { job_id: id, record_index: 0, position: 0, code: "FORMAT", message: "x", record: {} } });
      return { id, path: jobFilePath(fileName) };
    };
    const old = await make("completed", JOB_RETENTION_MS + 60_000);
    const oldFailed = await make("failed", JOB_RETENTION_MS + 60_000);
    const recent = await make("completed", 60_000);
    const running = await make("processing", null);

    expect(await purgeExpiredJobs(db)).toBeGreaterThanOrEqual(2);
    for (const gone of [old, oldFailed]) {
      expect(await db.job.findUnique({ where: { id: gone.id } })).toBeNull();
      expect(await db.jobError.count({ where: { job_id: gone.id } })).toBe(0);
      expect(existsSync(gone.path)).toBe(false);
    }
    for (const kept of [recent, running]) {
      expect(await db.job.findUnique({ where: { id: kept.id } })).not.toBeNull();
      expect(existsSync(kept.path)).toBe(true);
    }
  });
});
