// Following an email-verification link (/u/email-verification; auth0-authentication.md C.5): the
// single-use ticket is consumed and the user's email marked verified, in one transaction, and logged
// `sv`. The outcome names Auth0's result messages:
//   verified          "Your email was verified. You can continue using the application."
//   already_verified  "This account is already verified." (a used link of a verified user: the
//                     second click, or a mail scanner that followed it first)
//   invalid           "Access expired." / "This URL can be used only once" are not told apart:
//                     an unusable link says so, and how to get a new one.
import type { Db } from "../../db/client.ts";
import { sha256Hex } from "../../crypto/random.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { consumeTicket } from "../tickets/consume-ticket.ts";

export type EmailVerificationOutcome =
  | { status: "verified"; userId: string; email: string | null; clientId: string | null }
  | { status: "already_verified"; userId: string; email: string | null; clientId: string | null }
  | { status: "invalid" };

export async function verifyEmailWithTicket(db: Db, token: string): Promise<EmailVerificationOutcome> {
  const result = await db.$transaction(async (tx) => {
    const ticket = await consumeTicket(tx, "email_verification", token);
    if (!ticket) return null;
    const user = await tx.user.findUnique({ where: { user_id: ticket.userId }, select: { user_id: true, email: true } });
    if (!user) return null;
    // The ticket names the address it was sent to: a changed email is not verified by an old link.
    if (typeof ticket.data.email === "string" && ticket.data.email.toLowerCase() !== user.email?.toLowerCase()) return null;
    await tx.user.update({ where: { user_id: user.user_id }, data: { email_verified: true, updated_at: new Date() } });
    return { userId: user.user_id, email: user.email, clientId: ticket.clientId };
  });
  if (result) {
    await writeLogEvent(db, { type: "sv", description: "Email verified", user_id: result.userId, user_name: result.email, client_id: result.clientId });
    return { status: "verified", ...result };
  }
  // A well-formed token of a used ticket whose user is verified: say so rather than "invalid".
  if (typeof token === "string" && /^[A-Za-z0-9]{32}$/.test(token)) {
    const used = await db.ticket.findUnique({ where: { token_hash: sha256Hex(token) }, select: { kind: true, user_id: true, client_id: true, consumed_at: true } });
    if (used?.kind === "email_verification" && used.consumed_at && used.user_id) {
      const user = await db.user.findUnique({ where: { user_id: used.user_id }, select: { email: true, email_verified: true } });
      if (user?.email_verified) return { status: "already_verified", userId: used.user_id, email: user.email, clientId: used.client_id };
    }
  }
  return { status: "invalid" };
}
