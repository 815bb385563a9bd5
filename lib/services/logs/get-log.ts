import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { notFound } from "../errors.ts";
import { presentLog } from "./present-log.ts";

/** One log event by its log_id (GET /api/v2/logs/{id}); any actor allowed to read logs may read it. */
export async function getLog(db: DbOrTx, logId: string, _actor: Actor): Promise<Record<string, unknown>> {
  const row = await db.logEvent.findUnique({ where: { log_id: logId } });
  if (!row) throw notFound("The log event does not exist", "inexistent_log");
  return presentLog(row);
}
