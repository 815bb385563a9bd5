// The end of a time box is recorded when Gatehouse first notices it (a list, a new start, an end):
// nothing runs at the moment of expiry, and nothing needs to, since every session and token of the
// impersonation already stops at `expires_at`. Each newly noticed end gets its `eimp` log event.
import type { Db } from "../../db/client.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";

export async function sweepExpiredImpersonations(db: Db, filter: { userId?: string } = {}): Promise<number> {
  const now = new Date();
  const expired = await db.impersonation.findMany({
    where: { ended_at: null, expires_at: { lte: now }, ...(filter.userId ? { user_id: filter.userId } : {}) },
    orderBy: { expires_at: "asc" },
    take: 100,
  });
  let count = 0;
  for (const row of expired) {
    const { count: updated } = await db.impersonation.updateMany({ where: { id: row.id, ended_at: null }, data: { ended_at: row.expires_at, end_reason: "expired" } });
    if (updated !== 1) continue;
    count += 1;
    if (!row.started_at) continue; // a link never used: nothing started, so nothing ends
    await writeLogEvent(db, {
      type: "eimp",
      description: "Impersonation ended: its time box expired",
      user_id: row.user_id,
      client_id: row.client_id,
      client_name: row.client_name,
      details: { impersonation_id: row.id, actor: { sub: row.actor_sub, email: row.actor_email }, reason: row.reason, end_reason: "expired", session_id: row.session_id },
    });
  }
  return count;
}
