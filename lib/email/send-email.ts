// Sends one email. Every message is recorded in EmailMessage first (kind, recipient, content, user):
// that row is the delivery record when SMTP is configured (sent_at on success, error on failure)
// and the outbox the dashboard shows when it is not (neither set: not sent; the process log
// carries the message's links so an operator can act on them).
//
// The request never waits for SMTP: delivery runs in the background (./background.ts) once the row
// is written. A failed delivery is logged and recorded on the row, never reported to the end user
// (whose answer must not depend on it).
import type { DbOrTx } from "../db/client.ts";
import { newInternalId } from "../crypto/ids.ts";
import { env } from "../env.ts";
import { logger } from "../logs/logger.ts";
import { runInBackground } from "./background.ts";
import type { EmailKind, RenderedEmail } from "./templates.ts";
import { smtpTransport } from "./transport.ts";

export type OutgoingEmail = { kind: EmailKind; to: string; userId?: string | null; content: RenderedEmail };

const MAX_ERROR_LENGTH = 500;

export async function sendEmail(db: DbOrTx, email: OutgoingEmail): Promise<{ id: string; delivery: Promise<void> }> {
  const id = newInternalId();
  const { subject, text, html, links } = email.content;
  await db.emailMessage.create({ data: { id, kind: email.kind, to: email.to, subject, text, html, user_id: email.userId ?? null } });

  const transport = smtpTransport();
  if (!transport) {
    logger().info({ email_id: id, kind: email.kind, to: email.to, subject, links }, "email stored in the outbox (SMTP_URL is not set)");
    return { id, delivery: Promise.resolve() };
  }
  const delivery = runInBackground(`email ${id}`, async () => {
    try {
      await transport.sendMail({ from: env().smtpFrom, to: email.to, subject, text, html });
      await db.emailMessage.update({ where: { id }, data: { sent_at: new Date() } });
      logger().info({ email_id: id, kind: email.kind }, "email sent");
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger().error({ err: error, email_id: id, kind: email.kind }, "email delivery failed");
      await db.emailMessage.update({ where: { id }, data: { error: message.slice(0, MAX_ERROR_LENGTH) } }).catch(() => undefined);
    }
  });
  return { id, delivery };
}
