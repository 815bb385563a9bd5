// Tenant log events bypass Prisma: at 1,000 tokens/s, an INSERT per token through Prisma cost
// half a millisecond of main-thread CPU each (measured: bench/client-credentials.mjs), more than
// signing the token. Events written in the same turn of the event loop, or while a batch is being
// written, are inserted together.
//
// Semantics stay those of a direct insert: `write` resolves once the event's batch has committed,
// so an event is durable before the response that reports the operation is sent.
//
// PostgreSQL: one multi-row INSERT per batch on the application's pg pool (lib/db/client.ts), on
// the main thread; a worker thread with its own connection only for a client without that pool.
// SQLite: a prepared statement on the shared connection (lib/db/sqlite-adapter.ts sqliteHandle),
// on the main thread: a few microseconds a row. A second connection would contend for SQLite's
// single write lock, and the loser's busy handler sleeps synchronously, on the event loop when the
// loser is the main connection (measured: /health p99 over 300 ms during the login benchmark).
import { Worker } from "node:worker_threads";
import type { Pool } from "pg";
import type { DatabaseLocation } from "../db/client.ts";
import { sqliteHandle, type SqliteHandle } from "../db/sqlite-adapter.ts";

/** Column values as the worker binds them: dates as ISO strings, details as JSON text. */
export type LogRow = {
  log_id: string;
  date: string;
  type: string;
  description: string | null;
  client_id: string | null;
  client_name: string | null;
  connection: string | null;
  connection_id: string | null;
  ip: string | null;
  hostname: string | null;
  user_agent: string | null;
  user_id: string | null;
  user_name: string | null;
  audience: string | null;
  scope: string | null;
  strategy: string | null;
  strategy_type: string | null;
  is_mobile: boolean | null;
  details: string | null;
};

export const LOG_COLUMNS = [
  "log_id", "date", "type", "description", "client_id", "client_name", "connection", "connection_id", "ip",
  "hostname", "user_agent", "user_id", "user_name", "audience", "scope", "strategy", "strategy_type",
  "is_mobile", "details",
] as const satisfies readonly (keyof LogRow)[];

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { url, kind, columns, maxRows } = workerData;
const MAX_ROWS = maxRows;
const list = columns.map((c) => '"' + c + '"').join(", ");
let insertBatch;
if (kind === "sqlite") {
  const Database = require("better-sqlite3");
  const db = new Database(url.replace(/^file:/, "").replace(/\\?.*$/, ""), { timeout: 10000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const insert = db.prepare("INSERT INTO log_events (" + list + ") VALUES (" + columns.map(() => "?").join(", ") + ")");
  const many = db.transaction((rows) => {
    for (const row of rows) insert.run(columns.map((c) => c === "is_mobile" ? (row[c] === null ? null : row[c] ? 1 : 0) : c === "date" ? row[c].replace("Z", "+00:00") : row[c]));
  });
  insertBatch = async (rows) => many(rows);
} else {
  const { Client } = require("pg");
  let client;
  const connect = async () => {
    if (client) return client;
    const next = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    const drop = () => { if (client === next) client = undefined; };
    next.on("error", () => { drop(); next.end().catch(() => {}); });
    next.on("end", drop);
    await next.connect();
    client = next;
    return next;
  };
  insertBatch = async (rows) => {
    const c = await connect();
    const values = [];
    const tuples = rows.map((row, i) => "(" + columns.map((col, j) => {
      values.push(row[col]);
      const n = "$" + (i * columns.length + j + 1);
      // date: ISO text into timestamp(3) (UTC, as Prisma stores it; the offset is ignored by design).
      return col === "details" ? n + "::jsonb" : n;
    }).join(", ") + ")");
    await c.query("INSERT INTO log_events (" + list + ") VALUES " + tuples.join(", "), values);
  };
}
// Group commit: batches that arrive while an insert runs are written together by the next one,
// so a busy database gets fewer, larger statements instead of a queue of small ones.
let queue = [];
let flushing = false;
async function flush() {
  flushing = true;
  while (queue.length > 0) {
    const batches = queue;
    queue = [];
    const rows = batches.flatMap((b) => b.rows);
    let error;
    try {
      for (let i = 0; i < rows.length; i += MAX_ROWS) await insertBatch(rows.slice(i, i + MAX_ROWS));
    } catch (e) {
      error = String((e && e.message) || e);
    }
    for (const b of batches) parentPort.postMessage({ id: b.id, error });
  }
  flushing = false;
}
parentPort.on("message", (batch) => {
  queue.push(batch);
  if (!flushing) flush();
});
`;

/** PostgreSQL refuses more than 65,535 bound parameters in one statement: 19 columns × 1,000 rows. */
const MAX_BATCH = 1_000;

type Pending = { row: LogRow; resolve: () => void; reject: (error: Error) => void };

export type LogSink = { write(row: LogRow): Promise<void>; close(): Promise<void> };

export function createLogSink(location: DatabaseLocation): LogSink {
  const { url, kind } = location;
  if (kind === "sqlite") {
    const handle = sqliteHandle(url);
    if (handle) return new SqliteLogSink(handle);
  }
  if (kind === "postgres" && location.pool) return new PoolLogSink(location.pool);
  return new WorkerLogSink(url, kind);
}

/** SQLite: group commit on the shared connection, when no transaction holds it. */
class SqliteLogSink implements LogSink {
  #queue: Pending[] = [];
  #scheduled = false;
  #insert: ((rows: LogRow[]) => void) | undefined;

  constructor(private readonly handle: SqliteHandle) {}

  write(row: LogRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ row, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    this.#scheduled = false;
    const batch = this.#queue.splice(0);
    try {
      await this.handle.run((database) => {
        this.#insert ??= (() => {
          const statement = database.prepare(
            `INSERT INTO log_events (${LOG_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${LOG_COLUMNS.map(() => "?").join(", ")})`,
          );
          return database.transaction((rows: LogRow[]) => {
            for (const row of rows)
              statement.run(
                ...LOG_COLUMNS.map((c) =>
                  c === "date" ? row.date.replace("Z", "+00:00") : c === "is_mobile" ? (row.is_mobile === null ? null : row.is_mobile ? 1 : 0) : row[c],
                ),
              );
          });
        })();
        this.#insert(batch.map((p) => p.row));
      });
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error as Error);
    }
  }

  async close(): Promise<void> {}
}

/**
 * PostgreSQL: group commit on the main thread, on the application's own pool (lib/db/client.ts),
 * one multi-row INSERT per batch. Events written while a batch is being inserted go together in
 * the next. (A worker thread with its own connection did this before: per batch it cost two
 * messages between threads and the worker's own wake-ups, about 1 ms of CPU per password login,
 * more than the INSERT on the main thread; bench/login.mjs.)
 */
class PoolLogSink implements LogSink {
  #queue: Pending[] = [];
  #scheduled = false;
  #flushing = false;

  constructor(private readonly pool: Pool) {}

  write(row: LogRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ row, resolve, reject });
      if (!this.#scheduled && !this.#flushing) {
        this.#scheduled = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    this.#scheduled = false;
    this.#flushing = true;
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MAX_BATCH);
      try {
        await this.pool.query(postgresInsert(batch.map((p) => p.row)));
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error as Error);
      }
    }
    this.#flushing = false;
  }

  async close(): Promise<void> {
    // The pool belongs to the database client (closed by disconnectAll); pending batches finish first.
    while (this.#flushing || this.#scheduled) await new Promise((r) => setImmediate(r));
  }
}

/** The INSERT of a batch; named (parsed once per connection) for the small batches that are the rule. */
function postgresInsert(rows: LogRow[]): { name?: string; text: string; values: unknown[] } {
  const values: unknown[] = [];
  const tuples = rows.map(
    (row, i) =>
      `(${LOG_COLUMNS.map((column, j) => {
        values.push(row[column]);
        const n = `$${i * LOG_COLUMNS.length + j + 1}`;
        // date: ISO text into timestamp(3) (UTC, as Prisma stores it; the offset is ignored by design).
        return column === "details" ? `${n}::jsonb` : n;
      }).join(", ")})`,
  );
  const text = `INSERT INTO log_events (${LOG_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`;
  return rows.length <= 8 ? { name: `gh_log_events_${rows.length}`, text, values } : { text, values };
}

/** A worker thread with its own connection: a database without the shared pool or SQLite handle. */
class WorkerLogSink implements LogSink {
  #worker: Worker | undefined;
  #queue: Pending[] = [];
  #inFlight = new Map<number, Pending[]>();
  #nextId = 1;
  #scheduled = false;
  #closed = false;

  constructor(
    private readonly url: string,
    private readonly kind: "sqlite" | "postgres",
  ) {}

  write(row: LogRow): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("log sink closed"));
    return new Promise((resolve, reject) => {
      this.#queue.push({ row, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#send());
      }
    });
  }

  #spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url: this.url, kind: this.kind, columns: LOG_COLUMNS, maxRows: MAX_BATCH } });
    worker.on("message", ({ id, error }: { id: number; error?: string | undefined }) => {
      const batch = this.#inFlight.get(id) ?? [];
      this.#inFlight.delete(id);
      for (const p of batch) (error ? p.reject(new Error(error)) : p.resolve());
      if (this.#inFlight.size === 0) worker.unref();
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const batch of this.#inFlight.values()) for (const p of batch) p.reject(error);
      this.#inFlight.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`log writer exited with code ${code}`)));
    return worker;
  }

  #send(): void {
    this.#scheduled = false;
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MAX_BATCH);
      const id = this.#nextId++;
      this.#worker ??= this.#spawn();
      this.#inFlight.set(id, batch);
      // Pending writes keep the process alive until they are committed; an idle worker does not.
      this.#worker.ref();
      this.#worker.postMessage({ id, rows: batch.map((p) => p.row) });
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#worker?.terminate();
    this.#worker = undefined;
  }
}
