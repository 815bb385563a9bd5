// Records that a user should get a verification email (POST /users unless suppressed, PATCH with
// verify_email: true; auth0-management-api.md §3.2, §7.6). Gatehouse sends no email yet (that
// comes with the email feature), and does not pretend to: the request is stored, as a row the
// mailer will pick up, and nothing in the API response claims a message went out.
//
// The record is a `tickets` row of kind `verification_email` with `data.status = "pending"`. Its
// token is random and never handed to anyone (only its hash is stored, as for every ticket): the
// mailer will issue a fresh email-verification ticket when it sends. A newer request replaces an
// older pending one, as a newer Auth0 verification email invalidates the previous one.
import type { DbOrTx } from "../../db/client.ts";
import { newInternalId } from "../../crypto/ids.ts";
import { randomToken, sha256Hex } from "../../crypto/random.ts";
import { DEFAULT_TICKET_TTL_SECONDS } from "../../schemas/tickets.ts";

export const VERIFICATION_EMAIL_REQUEST_KIND = "verification_email";

export async function requestVerificationEmail(
  tx: DbOrTx,
  userId: string,
  request: { source: "create" | "update"; clientId?: string },
): Promise<void> {
  await tx.ticket.deleteMany({ where: { kind: VERIFICATION_EMAIL_REQUEST_KIND, user_id: userId, consumed_at: null } });
  await tx.ticket.create({
    data: {
      id: newInternalId(),
      kind: VERIFICATION_EMAIL_REQUEST_KIND,
      token_hash: sha256Hex(randomToken(32)),
      user_id: userId,
      client_id: request.clientId ?? null,
      data: { status: "pending", source: request.source, requested_at: new Date().toISOString() },
      expires_at: new Date(Date.now() + DEFAULT_TICKET_TTL_SECONDS * 1000),
    },
  });
}
