// Verifies and consumes a ticket, for the hosted pages that act on it (password reset, email
// verification; they come with the hosted-login feature). One conditional update consumes it, so
// under any race a ticket is used at most once; every unusable token answers null alike
// (find-usable-ticket.ts). Pass a transaction to consume the ticket and apply its effect atomically
// (if the effect fails, the ticket stays usable).
import type { DbOrTx } from "../../db/client.ts";
import { findUsableTicket, type UsableTicket } from "./find-usable-ticket.ts";
import type { TicketKind } from "./issue-ticket.ts";

export async function consumeTicket(db: DbOrTx, kind: TicketKind, token: string, now = new Date()): Promise<UsableTicket | null> {
  const ticket = await findUsableTicket(db, kind, token, now);
  if (!ticket) return null;
  const { count } = await db.ticket.updateMany({
    where: { id: ticket.id, consumed_at: null, expires_at: { gt: now } },
    data: { consumed_at: now },
  });
  return count === 1 ? ticket : null;
}
