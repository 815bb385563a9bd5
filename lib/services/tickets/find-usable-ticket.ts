// The ticket a token names, if it can still be used — for showing a hosted page before acting on
// it — without consuming it (consume-ticket.ts does). Unknown, expired, used, superseded (deleted)
// and other-kind tokens all answer null alike: the caller shows one "invalid or expired link" page
// and a guesser learns nothing about which tokens exist.
import type { DbOrTx } from "../../db/client.ts";
import { sha256Hex } from "../../crypto/random.ts";
import { TICKET_TOKEN_LENGTH, type TicketKind } from "./issue-ticket.ts";

/** The shape of issued tokens; anything else is not looked up. */
const TOKEN_SHAPE = new RegExp(`^[A-Za-z0-9]{${TICKET_TOKEN_LENGTH}}$`);

export type UsableTicket = {
  id: string;
  kind: TicketKind;
  userId: string;
  clientId: string | null;
  data: Record<string, unknown>;
  expiresAt: Date;
};

export async function findUsableTicket(db: DbOrTx, kind: TicketKind, token: string, now = new Date()): Promise<UsableTicket | null> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return null;
  const row = await db.ticket.findUnique({ where: { token_hash: sha256Hex(token) } });
  if (!row || row.kind !== kind || row.user_id === null || row.consumed_at !== null || row.expires_at <= now) return null;
  return { id: row.id, kind, userId: row.user_id, clientId: row.client_id, data: (row.data ?? {}) as Record<string, unknown>, expiresAt: row.expires_at };
}
