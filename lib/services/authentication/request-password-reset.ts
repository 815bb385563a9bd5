// A password-reset request (auth0-authentication.md C.4, §9.2): from the hosted "forgot password"
// form and POST /dbconnections/change_password. When the identifier names a user of one of the
// connections (by email; by username too where the connection requires usernames), a single-use
// password-change ticket is issued (the newest supersedes older ones) and its link mailed:
// `<issuer>u/reset-verify?ticket=...#`. A database identity linked into another user
// (linked-identity-credentials.ts) is found by its own email or username: the ticket is the primary
// user's, names the identity (`data.linked_identity`), and sets that identity's password. Logged `scpr`; a request that finds no user (or no email
// to write to) is logged `fcpr`.
//
// The caller's answer never depends on the outcome (enumeration safety): callers run this in the
// background (lib/email/background.ts) and answer at once with the same words.
import type { Db } from "../../db/client.ts";
import { env } from "../../env.ts";
import { sendEmail } from "../../email/send-email.ts";
import { tenantName } from "../../email/tenant-name.ts";
import { passwordResetEmail } from "../../email/templates.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { issueTicket } from "../tickets/issue-ticket.ts";
import { findLinkedIdentityForReset } from "../users/linked-identity-credentials.ts";
import { foldCase } from "../users/user-search-columns.ts";

/** Self-service links live one day: shorter than Management API tickets (5 days), since anyone can ask for one. */
export const PASSWORD_RESET_TTL_SECONDS = 86_400;

export type ResetConnection = { id: string; name: string; strategy: string; options: unknown };

export type PasswordResetRequest = {
  identifier: string;
  connections: ResetConnection[];
  clientId?: string | null;
  clientName?: string | null;
};

const requiresUsername = (connection: ResetConnection) => (connection.options as { requires_username?: unknown } | null)?.requires_username === true;

export async function requestPasswordReset(db: Db, request: PasswordResetRequest): Promise<{ sent: boolean; delivery: Promise<void> }> {
  const identifier = foldCase(request.identifier.trim());
  const databases = request.connections.filter((c) => c.strategy === "auth0");
  const byUsername = !identifier.includes("@");
  const searchable = byUsername ? databases.filter(requiresUsername) : databases;
  const where = byUsername ? { username: identifier } : { email: identifier };
  const user =
    identifier && searchable.length > 0
      ? ((await db.user.findFirst({
          where: { connection_id: { in: searchable.map((c) => c.id) }, ...where },
          select: { user_id: true, email: true, name: true, nickname: true, connection_id: true },
        })) ?? (await findLinkedIdentityForReset(db, searchable.map((c) => c.id), where)))
      : null;
  const connection = user ? databases.find((c) => c.id === user.connection_id) : databases.length === 1 ? databases[0] : undefined;
  const logBase = {
    client_id: request.clientId ?? null,
    client_name: request.clientName ?? null,
    connection: connection?.name ?? null,
    connection_id: connection?.id ?? null,
    strategy: "auth0",
    strategy_type: "database",
  };

  if (!user?.email || !connection) {
    await writeLogEvent(db, {
      ...logBase,
      type: "fcpr",
      description: user ? "The user has no email address" : "User does not exist",
      user_id: user?.user_id ?? null,
      user_name: request.identifier.slice(0, 320),
    });
    return { sent: false, delivery: Promise.resolve() };
  }

  const { token } = await db.$transaction((tx) =>
    issueTicket(tx, {
      kind: "password_change",
      userId: user.user_id,
      clientId: request.clientId ?? null,
      ttlSeconds: PASSWORD_RESET_TTL_SECONDS,
      data: { connection_id: connection.id, requested_by: "self_service", ...("linked_identity" in user ? { linked_identity: user.linked_identity } : {}) },
    }),
  );
  const url = `${env().issuer}u/reset-verify?ticket=${token}#`;
  const content = passwordResetEmail({ tenant: await tenantName(db), name: user.name ?? user.nickname, email: user.email, url, ttlSeconds: PASSWORD_RESET_TTL_SECONDS });
  const { delivery } = await sendEmail(db, { kind: "password_reset", to: user.email, userId: user.user_id, content });
  await writeLogEvent(db, { ...logBase, type: "scpr", description: "Password reset email sent", user_id: user.user_id, user_name: user.email });
  return { sent: true, delivery };
}
