// The verification email (auth0-authentication.md C.5): after a database signup, and whenever a
// verification email is requested. Issues a single-use email-verification ticket (the newest
// supersedes older ones) and mails its link, `<issuer>u/email-verification?ticket=...#` (the URL
// shape of auth0-management-api.md §12). Users without an email, or already verified, get none.
import type { Db } from "../db/client.ts";
import { env } from "../env.ts";
import { writeLogEvent } from "../logs/write-log-event.ts";
import { DEFAULT_TICKET_TTL_SECONDS } from "../schemas/tickets.ts";
import { issueTicket } from "../services/tickets/issue-ticket.ts";
import { sendEmail } from "./send-email.ts";
import { tenantName } from "./tenant-name.ts";
import { verificationEmail } from "./templates.ts";

export type VerificationEmailUser = { user_id: string; email: string | null; email_verified: boolean; name?: string | null; nickname?: string | null };

export async function sendVerificationEmail(
  db: Db,
  user: VerificationEmailUser,
  options: {
    clientId?: string | null;
    ttlSeconds?: number;
    /** Who asked: signup (default), the Management API, a job. */
    requestedBy?: string;
    /** Send even to a verified address (the Management API's `verify_email: true`). */
    force?: boolean;
  } = {},
): Promise<{ sent: boolean; delivery: Promise<void> }> {
  if (!user.email || (user.email_verified && !options.force)) return { sent: false, delivery: Promise.resolve() };
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TICKET_TTL_SECONDS;
  const { token } = await db.$transaction((tx) =>
    issueTicket(tx, {
      kind: "email_verification",
      userId: user.user_id,
      clientId: options.clientId ?? null,
      ttlSeconds,
      data: { email: user.email, requested_by: options.requestedBy ?? "signup" },
    }),
  );
  const url = `${env().issuer}u/email-verification?ticket=${token}#`;
  const content = verificationEmail({ tenant: await tenantName(db), name: user.name ?? user.nickname, email: user.email, url, ttlSeconds });
  const { delivery } = await sendEmail(db, { kind: "verification", to: user.email, userId: user.user_id, content });
  await writeLogEvent(db, { type: "svr", description: "Verification email sent", client_id: options.clientId ?? null, user_id: user.user_id, user_name: user.email });
  return { sent: true, delivery };
}
