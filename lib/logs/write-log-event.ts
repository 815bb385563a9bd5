// Writes tenant log events (the `GET /api/v2/logs` kind, not process log lines). The request's IP,
// user agent and hostname come from the request context.
//
// Group commit: events written while an insert is running, or in the same turn of the event loop,
// go into the database together in one INSERT. Callers still await their own event's insert, so
// an event is durable before the response that reports the operation is sent; under load, one
// statement carries dozens of events instead of one each. Inside a transaction (`db` is a
// transaction client) the event is written directly, as part of it.
import type { Db, DbOrTx, Prisma } from "../db/client.ts";
import { newLogId } from "../crypto/ids.ts";
import { currentRequestContext } from "../http/request-context.ts";
import { logger } from "./logger.ts";
import { LOG_TYPES, type LogType } from "./log-types.ts";

export type LogEventInput = {
  type: LogType;
  description?: string | null;
  client_id?: string | null;
  client_name?: string | null;
  connection?: string | null;
  connection_id?: string | null;
  user_id?: string | null;
  user_name?: string | null;
  audience?: string | null;
  scope?: string | null;
  strategy?: string | null;
  strategy_type?: string | null;
  details?: Record<string, unknown> | null;
};

type Row = Prisma.LogEventCreateManyInput;
type Pending = { row: Row; done: () => void };

/** Larger batches are split: one INSERT with thousands of rows would exceed bound-parameter limits. */
const MAX_BATCH = 200;

class LogWriter {
  #queue: Pending[] = [];
  #scheduled = false;
  #running = false;

  constructor(private readonly db: Db) {}

  write(row: Row): Promise<void> {
    return new Promise((done) => {
      this.#queue.push({ row, done });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MAX_BATCH);
        try {
          await this.db.logEvent.createMany({ data: batch.map((p) => p.row) });
        } catch (error) {
          logger().error({ err: error, events: batch.length }, "could not write log events");
        }
        for (const p of batch) p.done();
      }
    } finally {
      this.#running = false;
    }
  }
}

const writers = new WeakMap<object, LogWriter>();

function isTransaction(db: DbOrTx): boolean {
  return !("$transaction" in db);
}

/**
 * Never throws: a failure to record an event is reported in the process log and must not fail
 * the operation it describes (which has already happened).
 */
export async function writeLogEvent(db: DbOrTx, input: LogEventInput): Promise<void> {
  const context = currentRequestContext();
  const date = new Date();
  const row: Row = {
    log_id: newLogId(date),
    date,
    type: input.type,
    description: input.description ?? LOG_TYPES[input.type],
    client_id: input.client_id ?? null,
    client_name: input.client_name ?? null,
    connection: input.connection ?? null,
    connection_id: input.connection_id ?? null,
    user_id: input.user_id ?? null,
    user_name: input.user_name ?? null,
    audience: input.audience ?? null,
    scope: input.scope ?? null,
    strategy: input.strategy ?? null,
    strategy_type: input.strategy_type ?? null,
    ip: context?.ip ?? null,
    user_agent: context?.userAgent?.slice(0, 512) ?? null,
    hostname: context?.hostname ?? null,
    details: (input.details ?? undefined) as never,
  };
  if (isTransaction(db)) {
    try {
      await db.logEvent.create({ data: row });
    } catch (error) {
      logger().error({ err: error, log_type: input.type }, "could not write a log event");
    }
    return;
  }
  let writer = writers.get(db);
  if (!writer) {
    writer = new LogWriter(db as Db);
    writers.set(db, writer);
  }
  await writer.write(row);
}
