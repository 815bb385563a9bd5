// The newest log events, for the dashboard's home page: the same listing as GET /api/v2/logs
// (newest first, served by the date index).
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { listLogs } from "../logs/list-logs.ts";

export async function listRecentEvents(db: DbOrTx, actor: Actor, take = 10): Promise<Record<string, unknown>[]> {
  const { logs } = await listLogs(db, { skip: 0, take: Math.min(Math.max(take, 1), 100), withTotal: false }, actor);
  return logs;
}
