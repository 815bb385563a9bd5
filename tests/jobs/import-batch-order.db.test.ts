// Import batches commit in file order (write-import-batch.ts: the checkpoint moves only from where
// the batch starts). On PostgreSQL the runner writes two batches at once (run-users-import.ts):
// a batch that collides with the one before it is written again after it, and nothing is lost or
// written twice. The same tests run on SQLite, which writes one batch at a time.
import { describe, expect, it } from "vitest";
import { ready } from "../../lib/boot/ready.ts";
import { claimNextJob } from "../../lib/jobs/job-leases.ts";
import { runPendingJobs } from "../../lib/jobs/job-runner.ts";
import { inJobTransaction } from "../../lib/jobs/job-sql.ts";
import type { ImportedUser } from "../../lib/jobs/import/validate-import-record.ts";
import { BatchOutOfOrderError, writeImportBatch } from "../../lib/jobs/import/write-import-batch.ts";
import { api, tag } from "../helpers/users.ts";
import { connectionIdOf, ndjson, postImport } from "../helpers/jobs.ts";

describe("import batches", () => {
  it("a user_id given in two batches is one user and one conflict, with every record accounted for", async () => {
    const t = tag();
    const connectionId = await connectionIdOf();
    // Batches of 3: records 1 and 4 (batches 1 and 2, written together on PostgreSQL) give the same
    // user_id; the rest are plain.
    const records = Array.from({ length: 12 }, (_, i) => ({ email: `order${i}.${t}@example.com`, ...(i === 1 || i === 4 ? { user_id: `same${t}` } : {}) }));
    const created = await postImport(ndjson(records), { connection_id: connectionId });
    expect(created.status, created.text).toBe(202);
    const db = await ready();
    await runPendingJobs(db, { owner: `order-${t}`, batchSize: 3 });

    const job = await db.job.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(job).toMatchObject({ status: "completed", inserted: 11, failed: 1, total: 12, checkpoint_records: 12 });
    const errors = await api("GET", `/jobs/${created.body.id}/errors`);
    expect(errors.status).toBe(200);
    expect(errors.body).toHaveLength(1);
    expect(errors.body[0]).toMatchObject({ user: { email: `order4.${t}@example.com` }, errors: [{ code: "CONFLICT" }] });
    const same = await api("GET", `/users/${encodeURIComponent(`auth0|same${t}`)}`);
    expect(same.body.email).toBe(`order1.${t}@example.com`);
    expect(await db.user.count({ where: { email: { endsWith: `.${t}@example.com` } } })).toBe(11);
    expect(await db.jobError.count({ where: { job_id: created.body.id } })).toBe(1);
  });

  it("a batch whose predecessor has not committed writes nothing and moves no checkpoint", async () => {
    const t = tag();
    const connectionId = await connectionIdOf();
    const created = await postImport(ndjson([{ email: `late.${t}@example.com` }]), { connection_id: connectionId });
    expect(created.status, created.text).toBe(202);
    const db = await ready();
    const owner = `late-${t}`;
    const claimed = await claimNextJob(db, owner, 60_000, ["users_import"]);
    expect(claimed?.id).toBe(created.body.id);

    // Records 5..10 while the checkpoint is still at 0: out of order.
    const user: ImportedUser = {
      index: 5, email: `late.${t}@example.com`, providerUserId: null, username: null, email_verified: undefined, phone_number: undefined, phone_verified: undefined,
      given_name: undefined, family_name: undefined, name: undefined, nickname: undefined, picture: undefined, blocked: undefined, app_metadata: undefined,
      user_metadata: undefined, passwordHash: null, customHash: false, masked: {},
    };
    const batch = { jobId: claimed!.id, owner, connectionId, upsert: false, users: [user], failures: [], after: 5, checkpoint: { records: 10, bytes: 100 } };
    await expect(inJobTransaction(db, () => writeImportBatch(batch))).rejects.toBeInstanceOf(BatchOutOfOrderError);
    expect(await db.user.count({ where: { email: `late.${t}@example.com` } })).toBe(0);
    expect(await db.job.findUniqueOrThrow({ where: { id: claimed!.id } })).toMatchObject({ checkpoint_records: 0, inserted: 0, status: "processing" });

    // From where the checkpoint is, it goes through.
    await expect(inJobTransaction(db, () => writeImportBatch({ ...batch, after: 0, checkpoint: { records: 1, bytes: 100 } }))).resolves.toMatchObject({ inserted: 1 });
    expect(await db.job.findUniqueOrThrow({ where: { id: claimed!.id } })).toMatchObject({ checkpoint_records: 1, inserted: 1 });
    await db.job.update({ where: { id: claimed!.id }, data: { status: "completed" } });
  });
});
