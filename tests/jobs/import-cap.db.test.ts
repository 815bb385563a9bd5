// At most 2 concurrent import jobs (auth0-management-api.md §5.1, lib/jobs/import-jobs-cap.ts):
// a third POST /api/v2/jobs/users-imports while two are pending or processing is a 429 in Auth0's
// shape, refused before the upload is read; uploads that race past that first check are settled
// at insert time, and a refused upload leaves no file in the jobs folder. Completed (or failed)
// jobs free their slot. This file uses its own data folder so the jobs folder can be listed.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ready } from "../../lib/boot/ready.ts";
import { resetEnvForTests } from "../../lib/env.ts";
import { PEER_IP_HEADER } from "../../lib/http/client-ip.ts";
import { claimNextJob } from "../../lib/jobs/job-leases.ts";
import { jobsDirectory } from "../../lib/jobs/job-files.ts";
import { dispatch } from "../helpers/app.ts";
import { connectionIdOf, ndjson, postImport, runJobs } from "../helpers/jobs.ts";
import { fullScopeToken, tag } from "../helpers/users.ts";
import { TEST_DOMAIN } from "../setup/test-env.ts";

const REFUSAL = {
  statusCode: 429,
  error: "Too Many Requests",
  message: "There are 2 active import users jobs, please wait until some of them are finished and try again",
  errorCode: "too_many_requests",
};

let connectionId: string;

beforeAll(async () => {
  process.env.GATEHOUSE_DATA_DIR = mkdtempSync(join(tmpdir(), "gatehouse-import-cap-"));
  resetEnvForTests();
  connectionId = await connectionIdOf();
});

const importFiles = () => readdirSync(jobsDirectory()).filter((name) => name.endsWith(".import")).sort();

async function pendingImportFiles(): Promise<string[]> {
  const db = await ready();
  const jobs = await db.job.findMany({ where: { type: "users_import", status: { in: ["pending", "processing"] } }, select: { file_name: true } });
  return jobs.map((j) => j.file_name!).sort();
}

const importOf = (label: string, count = 3) => postImport(ndjson(Array.from({ length: count }, (_, i) => ({ email: `${label}${i}.${tag()}@example.com` }))), { connection_id: connectionId });

/**
 * An upload whose body the test releases: the part headers and the first records are sent at
 * once, the rest when `finish()` is called. Lets two uploads be in flight together.
 */
async function slowUpload(label: string) {
  const boundary = `----cap-${tag()}`;
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  controller.enqueue(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="connection_id"\r\n\r\n${connectionId}\r\n`));
  controller.enqueue(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="users"; filename="users.json"\r\nContent-Type: application/json\r\n\r\n`));
  controller.enqueue(encoder.encode(ndjson([{ email: `${label}-a.${tag()}@example.com` }])));
  const response = dispatch(
    new Request(`https://${TEST_DOMAIN}/api/v2/jobs/users-imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${await fullScopeToken()}`, "content-type": `multipart/form-data; boundary=${boundary}`, [PEER_IP_HEADER]: "203.0.113.7" },
      body,
      duplex: "half",
    } as RequestInit),
  );
  return {
    response,
    finish() {
      controller.enqueue(encoder.encode(ndjson([{ email: `${label}-b.${tag()}@example.com` }])));
      controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
      controller.close();
    },
  };
}

async function until(condition: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("timed out");
}

describe("at most 2 concurrent import jobs", () => {
  it("refuses the third with Auth0's 429, keeps no file of it, and accepts again once jobs have ended", async () => {
    const first = await importOf("cap1-");
    const second = await importOf("cap2-");
    expect([first.status, second.status]).toEqual([202, 202]);

    const third = await importOf("cap3-");
    expect(third.status).toBe(429);
    expect(third.body).toEqual(REFUSAL);
    expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(importFiles()).toEqual(await pendingImportFiles());
    expect(importFiles()).toHaveLength(2);
    // Refused before the upload is read: the answer comes while the body is still open.
    const unfinished = await slowUpload("cap-open");
    const early = await unfinished.response;
    expect(early.status).toBe(429);
    expect(await early.json()).toEqual(REFUSAL);
    expect(importFiles()).toHaveLength(2);

    // A job being processed still counts: claimed (briefly leased), it is `processing`.
    const db = await ready();
    const claimed = await claimNextJob(db, "cap-test", 1);
    expect(claimed).toMatchObject({ id: first.body.id });
    expect((await db.job.findUniqueOrThrow({ where: { id: first.body.id } })).status).toBe("processing");
    expect((await importOf("cap4-")).status).toBe(429);

    // Both end (the claim's lease has expired, so the runner takes the first one over).
    await new Promise((r) => setTimeout(r, 5));
    await runJobs();
    expect((await db.job.findUniqueOrThrow({ where: { id: first.body.id } })).status).toBe("completed");
    expect((await db.job.findUniqueOrThrow({ where: { id: second.body.id } })).status).toBe("completed");
    expect(importFiles()).toEqual([]);

    // A failed job frees its slot too.
    const broken = await postImport(`[{"email":"x.${tag()}@example.com"}`, { connection_id: connectionId });
    expect(broken.status).toBe(202);
    await runJobs();
    expect((await db.job.findUniqueOrThrow({ where: { id: broken.body.id } })).status).toBe("failed");

    const again = [await importOf("cap5-"), await importOf("cap6-")];
    expect(again.map((r) => r.status)).toEqual([202, 202]);
    expect((await importOf("cap7-")).status).toBe(429);
    await runJobs();
    expect(importFiles()).toEqual([]);
  });

  it("settles uploads that raced past the first check when the job is inserted, removing the refused file", async () => {
    const db = await ready();
    expect(await db.job.count({ where: { type: "users_import", status: { in: ["pending", "processing"] } } })).toBe(0);
    const existing = await importOf("race0-");
    expect(existing.status).toBe(202);

    // Two uploads in flight: both passed the first check (one slot was free) and are writing.
    const a = await slowUpload("race-a");
    const b = await slowUpload("race-b");
    await until(() => importFiles().length === 3);

    a.finish();
    b.finish();
    const answers = await Promise.all([a.response, b.response].map(async (r) => {
      const response = await r;
      return { status: response.status, body: await response.json() };
    }));
    expect(answers.map((x) => x.status).sort()).toEqual([202, 429]);
    expect(answers.find((x) => x.status === 429)!.body).toEqual(REFUSAL);
    expect(importFiles()).toEqual(await pendingImportFiles());
    expect(importFiles()).toHaveLength(2);
    await runJobs();
  });

  it("lets exactly 2 of many simultaneous uploads through", async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => importOf(`burst${i}-`, 20)));
    expect(answers.filter((r) => r.status === 202)).toHaveLength(2);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(4);
    for (const refused of answers.filter((r) => r.status === 429)) expect(refused.body).toEqual(REFUSAL);
    expect(importFiles()).toEqual(await pendingImportFiles());
    expect(importFiles()).toHaveLength(2);
    await runJobs();
    const db = await ready();
    for (const accepted of answers.filter((r) => r.status === 202))
      expect(await db.job.findUniqueOrThrow({ where: { id: accepted.body.id } })).toMatchObject({ status: "completed", inserted: 20 });
  });
});
