// Single-use tickets for a user (auth0-management-api.md §3.12, §12 "Tickets"): a random
// 32-character token (about 190 bits), of which only the SHA-256 is stored; it expires after its
// TTL and can be consumed once (consume-ticket.ts). Issuing one removes the user's earlier unused
// tickets of the same kind: the newest ticket supersedes the older ones, as with Auth0.
import type { DbOrTx } from "../../db/client.ts";
import { toJson } from "../../db/json.ts";
import { newInternalId } from "../../crypto/ids.ts";
import { randomAlphanumeric, sha256Hex } from "../../crypto/random.ts";

export type TicketKind = "password_change" | "email_verification";

export const TICKET_TOKEN_LENGTH = 32;

export async function issueTicket(
  tx: DbOrTx,
  ticket: { kind: TicketKind; userId: string; clientId?: string | null; data: Record<string, unknown>; ttlSeconds: number },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomAlphanumeric(TICKET_TOKEN_LENGTH);
  const expiresAt = new Date(Date.now() + ticket.ttlSeconds * 1000);
  await tx.ticket.deleteMany({ where: { kind: ticket.kind, user_id: ticket.userId, consumed_at: null } });
  await tx.ticket.create({
    data: {
      id: newInternalId(),
      kind: ticket.kind,
      token_hash: sha256Hex(token),
      user_id: ticket.userId,
      client_id: ticket.clientId ?? null,
      data: toJson(ticket.data),
      expires_at: expiresAt,
    },
  });
  return { token, expiresAt };
}
