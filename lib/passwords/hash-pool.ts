// bcrypt (and the key derivations of imported hashes, derive-worker.ts) off the event loop. bcryptjs's async API still computes on the main thread (16
// concurrent hashes starve a 10 ms timer; TOOLCHAIN.md), so hashes run in a pool of worker
// threads, one per core by default (GATEHOUSE_HASH_WORKERS).
//
// The worker is evaluated from a string and requires bcryptjs by name: bundlers cannot break a
// worker file path that does not exist, and bcryptjs is resolved from node_modules at run time.
//
// The workers run at a lower scheduling priority than the event loop (nice +10 on their own
// threads, Linux): with every core busy hashing, the main thread must still get a core the moment
// a request arrives, or every other request (health checks, token refreshes, pages) waits behind
// the hashes (measured: /health p99 300 ms under 32 concurrent logins before, see bench/login.mjs).
import { Worker } from "node:worker_threads";
import { env } from "../env.ts";
import { processGlobal } from "../process-global.ts";
import { DERIVE_WORKER_SOURCE, type DeriveSpec } from "./derive-worker.ts";

const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const bcrypt = require("bcryptjs");
try {
  // This thread only: on Linux, setpriority() on a thread id affects that thread.
  const tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
  if (tid > 0) require("node:os").setPriority(tid, Math.max(require("node:os").getPriority(tid), 10));
} catch {}
${DERIVE_WORKER_SOURCE}
parentPort.on("message", async (job) => {
  try {
    const result = job.op === "hash"
      ? bcrypt.hashSync(job.password, job.cost)
      : job.op === "derive"
        ? await derive(job.spec)
        : bcrypt.compareSync(job.password, job.hash);
    parentPort.postMessage({ id: job.id, result });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String(error && error.message || error) });
  }
});
`;

type JobInput = { op: "hash"; password: string; cost: number } | { op: "compare"; password: string; hash: string } | { op: "derive"; spec: DeriveSpec };
type Result = string | boolean | Uint8Array;
type Job = JobInput & { id: number };
type Pending = { job: Job; resolve: (v: Result) => void; reject: (e: Error) => void };

/**
 * Jobs each worker holds at most: the one it computes and the next, waiting in its message port,
 * so a worker that finishes under load starts the next hash at once instead of waiting for the
 * event loop to hand it one (which waits behind whatever the loop is doing: measured, the workers
 * stood idle ~3 % of the time during bench/login.mjs). The second job goes out only when every
 * worker already has one.
 */
const JOBS_PER_WORKER = 2;

class HashPool {
  #workers = new Map<Worker, Map<number, Pending>>();
  #queue: Pending[] = [];
  #nextId = 1;
  #size: number;

  constructor(size: number) {
    this.#size = size;
  }

  run(job: JobInput): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ job: { ...job, id: this.#nextId++ }, resolve, reject });
      this.#drain();
    });
  }

  #spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    const jobs = new Map<number, Pending>();
    this.#workers.set(worker, jobs);
    worker.on("message", (message: { id: number; result?: Result; error?: string }) => {
      const pending = jobs.get(message.id);
      jobs.delete(message.id);
      // A worker with nothing to do must not keep the process alive.
      if (jobs.size === 0) worker.unref();
      if (pending) {
        if (message.error !== undefined) pending.reject(new Error(message.error));
        else pending.resolve(message.result as Result);
      }
      this.#drain();
    });
    const fail = (error: Error) => {
      if (!this.#workers.has(worker)) return;
      this.#workers.delete(worker);
      for (const pending of jobs.values()) pending.reject(error);
      jobs.clear();
      this.#drain();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`password worker exited with code ${code}`)));
    return worker;
  }

  /** The worker with the fewest jobs, spawning one while the pool is not full and all are busy. */
  #leastBusy(): [Worker, Map<number, Pending>] | undefined {
    let best: [Worker, Map<number, Pending>] | undefined;
    for (const entry of this.#workers) if (!best || entry[1].size < best[1].size) best = entry;
    if ((!best || best[1].size > 0) && this.#workers.size < this.#size) {
      const worker = this.#spawn();
      return [worker, this.#workers.get(worker)!];
    }
    return best && best[1].size < JOBS_PER_WORKER ? best : undefined;
  }

  #drain(): void {
    while (this.#queue.length > 0) {
      const target = this.#leastBusy();
      if (!target) return;
      const [worker, jobs] = target;
      const pending = this.#queue.shift()!;
      jobs.set(pending.job.id, pending);
      // A busy worker keeps the process alive until it answers.
      worker.ref();
      worker.postMessage(pending.job);
    }
  }

  async close(): Promise<void> {
    const all = [...this.#workers.keys()];
    this.#workers.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }
}

const pools = processGlobal("hash-pool", () => ({ pool: undefined as HashPool | undefined }));
function hashPool(): HashPool {
  pools.pool ??= new HashPool(env().hashWorkers);
  return pools.pool;
}

/** bcrypt hash at GATEHOUSE_BCRYPT_COST (or `cost`). */
export async function hashPassword(password: string, cost = env().bcryptCost): Promise<string> {
  return (await hashPool().run({ op: "hash", password, cost })) as string;
}

/** Verifies a password against a bcrypt hash ($2a$/$2b$/$2y$). */
export async function verifyBcrypt(password: string, hash: string): Promise<boolean> {
  return (await hashPool().run({ op: "compare", password, hash })) as boolean;
}

/** Runs a key derivation for an imported hash (derive-worker.ts): bytes, or a boolean for bcrypt. */
export async function deriveInWorker(spec: DeriveSpec): Promise<Uint8Array | boolean> {
  return (await hashPool().run({ op: "derive", spec })) as Uint8Array | boolean;
}

export async function closeHashPool(): Promise<void> {
  await pools.pool?.close();
  pools.pool = undefined;
}
