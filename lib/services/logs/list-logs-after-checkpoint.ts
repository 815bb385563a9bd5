// Checkpoint reading of the log (GET /api/v2/logs?from=&take=, auth0-management-api.md §9.3): the
// events whose log_id comes after `from`, in log_id order, for exporters that follow the log.
// Without `from` it starts at the oldest event. log_ids sort like their dates (lib/crypto/ids.ts),
// so this is the write order, served from the primary key.
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { presentLog } from "./present-log.ts";

export type LogCheckpointPage = {
  logs: Record<string, unknown>[];
  /** The checkpoint to continue from: the last log_id returned, or `from` again when nothing was. */
  next: string | undefined;
};

export async function listLogsAfterCheckpoint(
  db: DbOrTx,
  input: { from?: string; take: number },
  _actor: Actor,
): Promise<LogCheckpointPage> {
  const rows = await db.logEvent.findMany({
    where: input.from === undefined ? {} : { log_id: { gt: input.from } },
    orderBy: { log_id: "asc" },
    take: input.take,
  });
  return { logs: rows.map(presentLog), next: rows.at(-1)?.log_id ?? input.from };
}
