// Writes one tenant log event (the `GET /api/v2/logs` kind, not a process log line). The request's
// IP, user agent and hostname come from the request context.
import type { DbOrTx } from "../db/client.ts";
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

/**
 * Never throws: a failure to record an event is reported in the process log and must not fail
 * the operation it describes (which has already happened).
 */
export async function writeLogEvent(db: DbOrTx, input: LogEventInput): Promise<void> {
  const context = currentRequestContext();
  const date = new Date();
  try {
    await db.logEvent.create({
      data: {
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
      },
    });
  } catch (error) {
    logger().error({ err: error, log_type: input.type }, "could not write a log event");
  }
}
