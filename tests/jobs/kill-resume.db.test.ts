// Durability of imports: a runner process is SIGKILLed in the middle of an import, on a real
// database; another runner takes the job over once the dead one's lease expires and finishes it
// from the checkpoint. Every record is imported exactly once: nothing lost, nothing duplicated,
// and what was committed before the kill matches the checkpoint exactly (the batch's writes and
// its checkpoint commit together).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ready } from "../../lib/boot/ready.ts";
import { runPendingJobs } from "../../lib/jobs/job-runner.ts";
import { api, tag } from "../helpers/users.ts";
import { connectionIdOf, ndjson, postImport } from "../helpers/jobs.ts";

const RECORDS = 6_000;
const child = fileURLToPath(new URL("./fixtures/run-job-runner.ts", import.meta.url));

describe("kill -9 in the middle of an import", () => {
  it("resumes after restart without losing or duplicating a record", async () => {
    const db = await ready();
    const t = tag();
    const connectionId = await connectionIdOf();
    const records = Array.from({ length: RECORDS }, (_, i) => ({ email: `k${i}.${t}@example.com`, user_metadata: { i }, ...(i % 500 === 7 ? { email: "bad" } : {}) }));
    const invalid = records.filter((r) => r.email === "bad").length;
    const created = await postImport(ndjson(records), { connection_id: connectionId });
    expect(created.status).toBe(202);
    const jobId = created.body.id as string;

    const runner = spawn(process.execPath, ["--import", "tsx", child], {
      env: { ...process.env, JOB_BATCH_SIZE: "10", JOB_LEASE_MS: "4000" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    runner.stdout.on("data", (d) => (output += d));
    runner.stderr.on("data", (d) => (output += d));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => runner.on("exit", (code, signal) => resolve(signal ?? code)));

    // Kill it once it has committed a few batches, long before the end.
    for (;;) {
      const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
      if (job.checkpoint_records >= 300) break;
      if (runner.exitCode !== null) throw new Error(`runner exited early: ${output}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    runner.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const killed = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(killed.status).toBe("processing");
    expect(killed.lease_owner).toBe("child-runner");
    expect(killed.checkpoint_records).toBeGreaterThanOrEqual(300);
    expect(killed.checkpoint_records).toBeLessThan(RECORDS);
    const committed = await db.user.count({ where: { email: { endsWith: `.${t}@example.com` } } });
    expect(committed + killed.failed).toBe(killed.checkpoint_records);
    expect(killed.inserted).toBe(committed);

    // Progress as GET /jobs/{id} reports it.
    const status = await api("GET", `/jobs/${jobId}`);
    expect(status.body).toMatchObject({ status: "processing", summary: { inserted: committed, total: killed.checkpoint_records } });
    expect(status.body.percentage_done).toBeGreaterThan(0);
    expect(status.body.percentage_done).toBeLessThan(100);
    expect(status.body.time_left_seconds).toBeGreaterThanOrEqual(0);

    // A new runner cannot take the job while the dead one's lease lasts (checked while it surely
    // does: on a loaded CI machine the steps above can take seconds)...
    if (killed.lease_expires_at!.getTime() - Date.now() > 500) expect(await runPendingJobs(db, { owner: "restarted" })).toBe(0);
    // ...and resumes it from the checkpoint once it has expired.
    await new Promise((r) => setTimeout(r, Math.max(0, killed.lease_expires_at!.getTime() - Date.now()) + 50));
    expect(await runPendingJobs(db, { owner: "restarted", batchSize: 500 })).toBe(1);

    const done = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(done).toMatchObject({ status: "completed", inserted: RECORDS - invalid, updated: 0, failed: invalid, total: RECORDS, checkpoint_records: RECORDS, attempts: 2 });
    expect(await db.user.count({ where: { email: { endsWith: `.${t}@example.com` } } })).toBe(RECORDS - invalid);
    expect(await db.userMetadataValue.count({ where: { source: "user", path: "i", user: { email: { endsWith: `.${t}@example.com` } } } })).toBe(RECORDS - invalid);
    const errors = await api("GET", `/jobs/${jobId}/errors`);
    expect(errors.body).toHaveLength(invalid);
    expect(errors.body.map((e: { errors: { code: string }[] }) => e.errors[0]!.code)).toEqual(Array(invalid).fill("FORMAT"));
  }, 120_000);
});
