// Writes tenant log events (the `GET /api/v2/logs` kind, not process log lines). The request's IP,
// user agent and hostname come from the request context.
//
// Events go through the database's log sink (./log-sink.ts: group commit, outside Prisma); callers
// await their own event's commit. Inside a transaction (`db` is a transaction client) the event
// is written through Prisma, as part of it.
import { databaseOf, type DatabaseLocation, type DbOrTx } from "../db/client.ts";
import { createLogSink, type LogSink } from "./log-sink.ts";
import { processGlobal } from "../process-global.ts";
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

/** One sink per database client (it may write on the client's connection), shared by every module graph of the process. */
const sinks = processGlobal("log-sinks", () => new Map<string, { location: DatabaseLocation; sink: LogSink }>());

function sinkFor(db: DbOrTx): LogSink | undefined {
  const location = databaseOf(db);
  if (!location) return undefined;
  let entry = sinks.get(location.url);
  if (entry?.location !== location) {
    // First use, or a new client for the same database (after disconnectAll).
    void entry?.sink.close();
    entry = { location, sink: createLogSink(location) };
    sinks.set(location.url, entry);
  }
  return entry.sink;
}

/** Stops the writers (end of a test file, shutdown); pending events are written first. */
export async function closeLogSinks(): Promise<void> {
  const all = [...sinks.values()];
  sinks.clear();
  await Promise.all(all.map((entry) => entry.sink.close()));
}

/**
 * Never throws: a failure to record an event is reported in the process log and must not fail
 * the operation it describes (which has already happened).
 */
export async function writeLogEvent(db: DbOrTx, input: LogEventInput): Promise<void> {
  const context = currentRequestContext();
  const date = new Date();
  const row = {
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
    is_mobile: null,
  };
  const sink = sinkFor(db);
  try {
    if (sink) await sink.write({ ...row, date: date.toISOString(), details: input.details ? JSON.stringify(input.details) : null });
    // Inside a transaction (or a client not made by getDb): part of the caller's unit of work.
    else await db.logEvent.create({ data: { ...row, details: (input.details ?? undefined) as never } });
  } catch (error) {
    logger().error({ err: error, log_type: input.type }, "could not write a log event");
  }
}
