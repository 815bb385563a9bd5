// The one-time setup link printed at start while no operator exists: a 256-bit secret, stored only
// as its SHA-256, valid once and for SETUP_TICKET_TTL_MS.
import type { DbOrTx } from "../../db/client.ts";
import { newInternalId } from "../../crypto/ids.ts";
import { randomToken, sha256Hex } from "../../crypto/random.ts";

export const SETUP_TICKET_TTL_MS = 24 * 60 * 60 * 1000;

export async function createSetupTicket(db: DbOrTx): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const expiresAt = new Date(Date.now() + SETUP_TICKET_TTL_MS);
  await db.ticket.create({
    data: { id: newInternalId(), kind: "setup", token_hash: sha256Hex(token), data: {}, expires_at: expiresAt },
  });
  return { token, expiresAt };
}
