// A user's breached-password flag (BreachedPassword; set by breached password detection at login,
// lib/attack-protection/breached-password-detection.ts) and its fix flow:
//   - getBreachedState: what the dashboard and the Management API show;
//   - sendBreachedPasswordReset: the "Password Breach Alert" email with a single-use
//     password-change link (/u/reset-verify), from the login flow (at most one an hour per user)
//     or from the dashboard's "send reset" (always);
//   - clearBreachedPassword: inside every password change's transaction (reset link, PATCH), since
//     the flag describes the password that was replaced.
import type { Db, DbOrTx } from "../../db/client.ts";
import { env } from "../../env.ts";
import { sendEmail } from "../../email/send-email.ts";
import { tenantName } from "../../email/tenant-name.ts";
import { passwordBreachEmail } from "../../email/templates.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { DEFAULT_TICKET_TTL_SECONDS } from "../../schemas/tickets.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { issueTicket } from "../tickets/issue-ticket.ts";
import { userNotFound } from "./get-user.ts";

/** Breach emails to one user: at most one an hour (Auth0's throttle, F.3). */
export const BREACH_EMAIL_INTERVAL_MS = 3_600_000;

export type BreachedState =
  | { breached: false }
  | { breached: true; blocked: boolean; source: string; detected_at: Date; notified_at: Date | null };

export async function getBreachedState(db: DbOrTx, userId: string): Promise<BreachedState> {
  const row = await db.breachedPassword.findUnique({ where: { user_id: userId } });
  if (!row) return { breached: false };
  return { breached: true, blocked: row.blocked, source: row.source, detected_at: row.detected_at, notified_at: row.notified_at };
}

export async function clearBreachedPassword(tx: DbOrTx, userId: string): Promise<boolean> {
  const { count } = await tx.breachedPassword.deleteMany({ where: { user_id: userId } });
  return count > 0;
}

/**
 * Emails the user a "Password Breach Alert" with a password-change link (a ticket; the newest
 * supersedes older ones), and stamps `notified_at`. `onlyIfDue` (the login flow) skips it when the
 * last one went out less than an hour ago. Returns whether an email was sent.
 */
export async function sendBreachedPasswordReset(
  db: Db,
  userId: string,
  options: { actor?: Actor; onlyIfDue?: boolean; clientId?: string | null } = {},
): Promise<{ sent: boolean; delivery: Promise<void> }> {
  const user = await db.user.findUnique({
    where: { user_id: userId },
    select: { user_id: true, email: true, name: true, nickname: true, connection: { select: { id: true, name: true, strategy: true } }, breachedPassword: true },
  });
  if (!user) throw userNotFound();
  if (user.connection.strategy !== "auth0") throw invalid("The user's main connection has no passwords.", "invalid_body");
  if (!user.email) throw invalid("The user does not have an email address.", "invalid_body");
  const now = new Date();
  const last = user.breachedPassword?.notified_at;
  if (options.onlyIfDue && last && now.getTime() - last.getTime() < BREACH_EMAIL_INTERVAL_MS) return { sent: false, delivery: Promise.resolve() };

  const { token } = await db.$transaction(async (tx) => {
    const issued = await issueTicket(tx, {
      kind: "password_change",
      userId: user.user_id,
      clientId: options.clientId ?? null,
      ttlSeconds: DEFAULT_TICKET_TTL_SECONDS,
      data: { connection_id: user.connection.id, requested_by: "breached_password_detection" },
    });
    if (user.breachedPassword) await tx.breachedPassword.update({ where: { user_id: user.user_id }, data: { notified_at: now } });
    return issued;
  });
  const content = passwordBreachEmail({
    tenant: await tenantName(db),
    name: user.name ?? user.nickname,
    email: user.email,
    blocked: user.breachedPassword?.blocked ?? false,
    url: `${env().issuer}u/reset-verify?ticket=${token}#`,
    ttlSeconds: DEFAULT_TICKET_TTL_SECONDS,
  });
  const { delivery } = await sendEmail(db, { kind: "password_breach", to: user.email, userId: user.user_id, content });
  const actor = options.actor;
  await writeLogEvent(db, {
    type: "scpr",
    description: "Password breach alert sent with a password reset link",
    user_id: user.user_id,
    user_name: user.email,
    client_id: actor?.kind === "client" ? actor.clientId : (options.clientId ?? null),
    connection: user.connection.name,
    connection_id: user.connection.id,
    strategy: "auth0",
    strategy_type: "database",
    details: { reason: "breached_password", requested_by: actor ? (actor.kind === "client" ? actor.clientId : actor.kind) : "breached_password_detection" },
  });
  return { sent: true, delivery };
}
