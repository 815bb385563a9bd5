// POST /api/v2/jobs/{id}/cancel (a Gatehouse extension; lib/services/jobs/cancel-job.ts): a
// pending job never runs; an import cancelled while it runs stops at its next batch, keeps what
// its committed batches wrote and nothing more, and frees its slot; an ended job answers 409.
import { describe, expect, it } from "vitest";
import { ready } from "../../lib/boot/ready.ts";
import { runPendingJobs } from "../../lib/jobs/job-runner.ts";
import { api, tag } from "../helpers/users.ts";
import { connectionIdOf, getJob, ndjson, postImport } from "../helpers/jobs.ts";

const cancel = (id: string) => api("POST", `/jobs/${id}/cancel`);

describe("cancelling jobs", () => {
  it("a pending import never runs; cancelling again, or an unknown job, is refused", async () => {
    const t = tag();
    const created = await postImport(ndjson([{ email: `never.${t}@example.com` }]), { connection_id: await connectionIdOf() });
    expect(created.status, created.text).toBe(202);
    const id = created.body.id as string;

    const cancelled = await cancel(id);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ id, status: "cancelled", type: "users_import" });
    expect((await getJob(id)).body).toMatchObject({ status: "cancelled" });

    const db = await ready();
    await runPendingJobs(db, { owner: `cancel-${t}` });
    expect(await db.user.count({ where: { email: `never.${t}@example.com` } })).toBe(0);
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "cancelled", status_details: expect.stringMatching(/^Cancelled by /), attempts: 0 });

    const again = await cancel(id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, errorCode: "job_ended" });
    expect((await cancel("job_0000000000000000")).status).toBe(404);
  });

  it("a running import stops at its next batch and keeps exactly what it committed", async () => {
    const t = tag();
    // Far more than can be written before the cancel lands. Batches of 100: on SQLite a batch
    // holds the shared connection, and a request's queries (the cancel's) run between batches.
    const RECORDS = 20_000;
    const created = await postImport(ndjson(Array.from({ length: RECORDS }, (_, i) => ({ email: `run${i}.${t}@example.com` }))), { connection_id: await connectionIdOf() });
    expect(created.status, created.text).toBe(202);
    const id = created.body.id as string;
    const db = await ready();

    const running = runPendingJobs(db, { owner: `cancel-run-${t}`, batchSize: 100 });
    for (;;) {
      const job = await db.job.findUniqueOrThrow({ where: { id } });
      if (job.checkpoint_records >= 200) break;
      expect(job.status).not.toBe("completed");
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await cancel(id)).status).toBe(200);
    await running;

    const job = await db.job.findUniqueOrThrow({ where: { id } });
    expect(job.status).toBe("cancelled");
    expect(job.inserted).toBeGreaterThanOrEqual(200);
    expect(job.inserted).toBeLessThan(RECORDS);
    // The users written are exactly the committed batches' (the checkpoint), none after the cancel.
    const imported = await db.user.count({ where: { email: { endsWith: `.${t}@example.com` } } });
    expect(imported).toBe(job.inserted);
    expect(job.checkpoint_records).toBe(job.inserted);
    const presented = await getJob(id);
    expect(presented.body).toMatchObject({ status: "cancelled", summary: { inserted: job.inserted, failed: 0, total: job.checkpoint_records } });

    // The slot is free: another import is accepted and runs.
    const next = await postImport(ndjson([{ email: `after.${t}@example.com` }]), { connection_id: await connectionIdOf() });
    expect(next.status, next.text).toBe(202);
    await runPendingJobs(db, { owner: `cancel-after-${t}` });
    expect((await getJob(next.body.id)).body).toMatchObject({ status: "completed", summary: { inserted: 1 } });
  });

  it("a pending export never writes its file", async () => {
    const exported = await api("POST", "/jobs/users-exports", { format: "json", fields: [{ name: "email" }] });
    expect(exported.status, exported.text).toBe(200);
    expect((await cancel(exported.body.id)).status).toBe(200);
    const db = await ready();
    await runPendingJobs(db, { owner: `cancel-export-${tag()}` });
    expect(await db.job.findUniqueOrThrow({ where: { id: exported.body.id } })).toMatchObject({ status: "cancelled", file_name: null });
  });
});
