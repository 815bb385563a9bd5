// Bulk actions on a search result (lib/jobs/bulk, lib/services/bulk) through the job runner:
// block/unblock/delete/role assign/remove over a query + connection filter, the snapshot bound
// (users created after the confirmation are not touched), operators refused as job errors,
// resuming from a keyset checkpoint without redoing or skipping users, and the export of a result.
import { beforeAll, describe, expect, it } from "vitest";
import { ready } from "../../lib/boot/ready.ts";
import { runUsersBulkBatch } from "../../lib/jobs/bulk/run-users-bulk.ts";
import type { BulkAction } from "../../lib/jobs/bulk/users-bulk-params.ts";
import type { Actor } from "../../lib/services/actor.ts";
import { createSearchExportJob } from "../../lib/services/bulk/create-search-export-job.ts";
import { createUsersBulkJob, previewBulkAction } from "../../lib/services/bulk/create-users-bulk-job.ts";
import { presentJob } from "../../lib/services/jobs/present-job.ts";
import { download, runJobs } from "../helpers/jobs.ts";
import { api, createConnection, operatorUserId, PASSWORD, tag, userPath } from "../helpers/users.ts";

let operator: Actor;
let connection: { id: string; name: string };

async function makeUsers(group: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await api("POST", "/users", { connection: connection.name, email: `b${i}.${group}.${tag()}@example.com`, password: PASSWORD, user_metadata: { grp: group } });
    expect(r.status, r.text).toBe(201);
    ids.push(r.body.user_id);
  }
  return ids.sort();
}

async function bulk(action: BulkAction, q: string | undefined, extra: { role_id?: string; connection?: string | null } = {}) {
  const db = await ready();
  const conn = extra.connection === null ? undefined : (extra.connection ?? connection.name);
  const preview = await previewBulkAction(db, { q, connection: conn });
  const job = await createUsersBulkJob(db, { action, q, connection: conn, role_id: extra.role_id, created_before: preview.created_before, expected: preview.count }, operator);
  return { preview, jobId: job.id };
}

async function finished(jobId: string) {
  await runJobs();
  const job = await (await ready()).job.findUniqueOrThrow({ where: { id: jobId } });
  expect(job.status, job.status_details ?? "").toBe("completed");
  return job;
}

const blocked = async (id: string) => (await api("GET", userPath(id))).body.blocked === true;

beforeAll(async () => {
  const db = await ready();
  const operatorId = await operatorUserId();
  const row = await db.user.findUniqueOrThrow({ where: { user_id: operatorId }, select: { email: true } });
  operator = { kind: "operator", userId: operatorId, email: row.email };
  connection = await createConnection();
});

describe("bulk actions on a search result", () => {
  it("blocks then unblocks exactly the snapshot: the query's users created before the confirmation", async () => {
    const a = await makeUsers("a", 5);
    const b = await makeUsers("b", 2);
    const { preview, jobId } = await bulk("block", "user_metadata.grp:a");
    expect(preview.count).toBe(5);
    // Created after the confirmation: matches the query but is outside the snapshot.
    await new Promise((r) => setTimeout(r, 5));
    const [late] = await makeUsers("a", 1);
    const job = await finished(jobId);
    expect({ total: job.total, updated: job.updated, failed: job.failed }).toEqual({ total: 5, updated: 5, failed: 0 });
    expect(presentJob(job)).toMatchObject({ status: "completed", type: "users_bulk" });
    for (const id of a) expect(await blocked(id)).toBe(true);
    for (const id of [...b, late!]) expect(await blocked(id)).toBe(false);

    const unblock = await bulk("unblock", "user_metadata.grp:a AND blocked:true");
    expect(unblock.preview.count).toBe(5);
    await finished(unblock.jobId);
    for (const id of a) expect(await blocked(id)).toBe(false);
  });

  it("assigns and removes a role over the result", async () => {
    const ids = await makeUsers("r", 3);
    const role = await api("POST", "/roles", { name: `bulk-${tag()}` });
    expect(role.status, role.text).toBe(200);
    const assign = await bulk("assign_role", "user_metadata.grp:r", { role_id: role.body.id });
    expect(assign.preview.count).toBe(3);
    expect((await finished(assign.jobId)).updated).toBe(3);
    for (const id of ids) expect((await api("GET", `${userPath(id)}/roles`)).body.map((r: { id: string }) => r.id)).toEqual([role.body.id]);
    const remove = await bulk("remove_role", "user_metadata.grp:r", { role_id: role.body.id });
    await finished(remove.jobId);
    for (const id of ids) expect((await api("GET", `${userPath(id)}/roles`)).body).toEqual([]);
  });

  it("deletes the result with the single-user clean-up (identities, passwords)", async () => {
    const db = await ready();
    const ids = await makeUsers("d", 3);
    const keep = await makeUsers("k", 1);
    const { preview, jobId } = await bulk("delete", "user_metadata.grp:d");
    expect(preview.count).toBe(3);
    expect((await finished(jobId)).updated).toBe(3);
    for (const id of ids) expect((await api("GET", userPath(id))).status).toBe(404);
    expect(await db.userIdentity.count({ where: { user_id: { in: ids } } })).toBe(0);
    expect(await db.userPassword.count({ where: { user_id: { in: ids } } })).toBe(0);
    expect((await api("GET", userPath(keep[0]!))).status).toBe(200);
  });

  it("refuses operator accounts as job errors and goes on", async () => {
    const db = await ready();
    const operatorId = await operatorUserId();
    const [other] = await makeUsers("o", 1);
    const { preview, jobId } = await bulk("block", `user_id:"${operatorId}" OR user_id:"${other}"`, { connection: null });
    expect(preview.count).toBe(2);
    const job = await finished(jobId);
    expect({ updated: job.updated, failed: job.failed }).toEqual({ updated: 1, failed: 1 });
    const errors = await db.jobError.findMany({ where: { job_id: jobId } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "operation_not_supported", record: { user_id: operatorId } });
    expect(await blocked(operatorId)).toBe(false);
    expect(await blocked(other!)).toBe(true);
  });

  it("resumes from the keyset checkpoint without redoing or skipping a user", async () => {
    const db = await ready();
    const ids = await makeUsers("c", 7);
    const { jobId } = await bulk("block", "user_metadata.grp:c");
    // A runner claims the job and commits one batch of 3, then dies (its lease expires).
    await db.job.update({ where: { id: jobId }, data: { status: "processing", lease_owner: "dead-runner", lease_expires_at: new Date(Date.now() + 60_000), started_at: new Date() } });
    expect(await runUsersBulkBatch(db, jobId, { owner: "dead-runner", batchSize: 3 })).toBe(true);
    let job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.checkpoint_records).toBe(3);
    expect((job.params as { after: string }).after).toBe(ids[2]);
    expect(await Promise.all(ids.map(blocked))).toEqual([true, true, true, false, false, false, false]);
    // A stale runner without the lease cannot commit.
    await db.job.update({ where: { id: jobId }, data: { lease_owner: "other", lease_expires_at: new Date(Date.now() - 1_000) } });
    await expect(runUsersBulkBatch(db, jobId, { owner: "dead-runner", batchSize: 3 })).rejects.toThrow(/lease/);
    job = await finished(jobId);
    // 7 users, each counted once: the three of the committed batch were not handled again
    // (the stale runner's uncommitted batch of 3 was redone, and counted once).
    expect({ total: job.total, checkpoint: job.checkpoint_records, updated: job.updated }).toEqual({ total: 7, checkpoint: 7, updated: 7 });
    expect(await Promise.all(ids.map(blocked))).toEqual(ids.map(() => true));
  });

  it("exports a search result through the export job", async () => {
    const db = await ready();
    const ids = await makeUsers("x", 3);
    await makeUsers("y", 2);
    const { id } = await createSearchExportJob(db, { format: "json", fields: ["user_id", "email"], q: "user_metadata.grp:x", connection: connection.name });
    await runJobs();
    const job = presentJob(await db.job.findUniqueOrThrow({ where: { id } }));
    expect(job.status).toBe("completed");
    const file = await download(String(job.location));
    expect(file.status).toBe(200);
    const lines = file.text.trim().split("\n").map((l) => JSON.parse(l) as { user_id: string });
    expect(lines.map((l) => l.user_id)).toEqual(ids);
  });
});
