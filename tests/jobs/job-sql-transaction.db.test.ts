// The job runner's transactions (lib/jobs/job-sql.ts): all or nothing, isolated from the queries
// other requests make meanwhile, and, on SQLite, never holding the event loop for the whole batch.
import { describe, expect, it } from "vitest";
import { ready } from "../../lib/boot/ready.ts";
import { newJobId } from "../../lib/crypto/ids.ts";
import { dialectOf, inJobTransaction, insertRows, run, type SqlWork } from "../../lib/jobs/job-sql.ts";

const ERROR_COLUMNS = [
  ["job_id", "text"], ["record_index", "int"], ["position", "int"], ["code", "text"], ["message", "text"], ["path", "text"], ["record", "jsonb"],
] as const;

async function newJob() {
  const db = await ready();
  const id = newJobId();
  await db.job.create({ data: { id, type: "users_import", status: "processing", params: {} } });
  return { db, id };
}

const errorRows = (jobId: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => [jobId, from + i, 0, "TEST", "x".repeat(200), null, JSON.stringify({ n: from + i })]);

describe("job SQL transactions", () => {
  it("commits every statement of a work unit together, and a failure rolls all of it back", async () => {
    const { db, id } = await newJob();
    function* failing(): SqlWork<void> {
      yield insertRows("job_errors", ERROR_COLUMNS, errorRows(id, 0, 10));
      yield run("UPDATE jobs SET inserted = 10 WHERE id = ?", [id]);
      throw new Error("the batch fails half way");
    }
    await expect(inJobTransaction(db, () => failing())).rejects.toThrow("half way");
    expect(await db.jobError.count({ where: { job_id: id } })).toBe(0);
    expect((await db.job.findUniqueOrThrow({ where: { id } })).inserted).toBe(0);

    function* succeeding(): SqlWork<number> {
      const inserted = (yield insertRows("job_errors", ERROR_COLUMNS, errorRows(id, 0, 10))) as number;
      yield run("UPDATE jobs SET inserted = ? WHERE id = ?", [inserted, id]);
      return inserted;
    }
    expect(await inJobTransaction(db, () => succeeding())).toBe(10);
    expect(await db.jobError.count({ where: { job_id: id } })).toBe(10);
    expect((await db.job.findUniqueOrThrow({ where: { id } })).inserted).toBe(10);
  });

  it("lets the event loop turn during a long batch, while other queries neither see nor join it", async () => {
    const { db, id } = await newJob();
    // Many statements, long enough to span several 20 ms slices.
    const statements = 1_000;
    let ticks = 0;
    let seenMidway: number | undefined;
    let probe: Promise<void> | undefined;
    const timer = setInterval(() => {
      ticks++;
      // A request's query issued while the batch runs: it must wait for the commit (SQLite: the
      // connection is held) or read the committed state (PostgreSQL), never the half-written batch.
      probe ??= db.jobError.count({ where: { job_id: id } }).then((count) => {
        seenMidway = count;
      });
    }, 1);
    const started = performance.now();
    function* long(): SqlWork<void> {
      for (let i = 0; i < statements; i++) yield insertRows("job_errors", ERROR_COLUMNS, errorRows(id, i * 25, 25));
    }
    await inJobTransaction(db, () => long());
    const elapsed = performance.now() - started;
    clearInterval(timer);
    await probe;

    expect(await db.jobError.count({ where: { job_id: id } })).toBe(statements * 25);
    if (seenMidway !== undefined) expect([0, statements * 25]).toContain(seenMidway);
    if (dialectOf(db) === "sqlite" && elapsed > 100) {
      // The timer fired during the batch: the event loop was not held for its whole duration.
      expect(ticks).toBeGreaterThan(1);
      expect(seenMidway).toBe(statements * 25);
    }
  });
});
