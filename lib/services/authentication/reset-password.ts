// Setting a new password from a password-change ticket (/u/reset-verify; auth0-authentication.md
// C.4): the ticket must be usable (single use, not expired, not superseded); the password must pass
// the connection's policy (strength, length, dictionary, personal information) and history ("Password
// has previously been used."). Then, in one transaction, the ticket is consumed (a concurrent second
// use loses) and:
//   - the hash is stored (with the history the connection keeps) and last_password_reset stamped;
//   - brute-force blocks of the user's identifiers are cleared (F.2);
//   - every SSO session of the user ends and their refresh tokens are revoked: whoever knew the old
//     password keeps nothing;
//   - the email is marked verified when the ticket says so (mark_email_as_verified).
// A breached new password is refused with pre-change-password `block` (logged `reset_pwd_leak`), and
// the user's breached-password flag is cleared with the change (lib/services/users/breached-password.ts).
// A ticket naming a linked database identity (`data.linked_identity`, request-password-reset.ts)
// sets that identity's password (linked-identity-credentials.ts), under its connection's rules;
// blocks, sessions, refresh tokens and the breached flag are the primary user's, as above.
// The administrator `blocked` flag is left alone: unlike an operator's PATCH, a self-service reset
// must not let a blocked user unblock themselves. Logged `scp` (refusals by the policy `fcp`).
import type { Db, DbOrTx } from "../../db/client.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { hashPassword } from "../../passwords/hash-pool.ts";
import type { PasswordPolicyOptions, PersonalInfo } from "../../passwords/password-policy.ts";
import { endUserSessions } from "../../oidc/sessions/sessions.ts";
import { AppError } from "../errors.ts";
import { consumeTicket } from "../tickets/consume-ticket.ts";
import { findUsableTicket } from "../tickets/find-usable-ticket.ts";
import { checkPasswordHistory } from "../users/check-password-history.ts";
import { checkPasswordPolicy } from "../users/check-password-policy.ts";
import { connectionRules, type DatabaseConnectionRules } from "../users/create-database-user.ts";
import { blockIdentifiersOf } from "../users/list-user-blocks.ts";
import { USER_TRANSACTION_OPTIONS } from "../users/lock-user.ts";
import { storePasswordHash } from "../users/store-password-hash.ts";
import { checkLinkedPasswordHistory, findLinkedIdentityOfTicket, storeLinkedCredentialHash } from "../users/linked-identity-credentials.ts";
import { clearBreachedPassword } from "../users/breached-password.ts";
import { screenChangedPassword } from "../../attack-protection/breached-password-detection.ts";

export const invalidResetTicket = () => new AppError("invalid", "This password reset link is invalid, has expired or has already been used.", "invalid_ticket");

export type PasswordResetTicket = {
  userId: string;
  email: string | null;
  clientId: string | null;
  connection: { id: string; name: string };
  policy: PasswordPolicyOptions;
  personal: PersonalInfo;
};

type LoadedTicket = PasswordResetTicket & {
  rules: DatabaseConnectionRules;
  ticketData: Record<string, unknown>;
  user: { username: string | null; phone_number: string | null };
  /** The linked database identity whose password the ticket sets (linked-identity-credentials.ts), else null. */
  linkedId: string | null;
};

async function loadTicket(db: DbOrTx, token: string): Promise<LoadedTicket | null> {
  const ticket = await findUsableTicket(db, "password_change", token);
  if (!ticket) return null;
  const row = await db.user.findUnique({
    where: { user_id: ticket.userId },
    select: { user_id: true, email: true, username: true, phone_number: true, name: true, nickname: true, user_metadata: true, connection: { select: { id: true, name: true, strategy: true, options: true } } },
  });
  if (!row) return null;
  // A ticket for a linked identity: its email, username and connection, the primary's other details.
  const linked = ticket.data.linked_identity === undefined ? null : await findLinkedIdentityOfTicket(db, row.user_id, ticket.data);
  if (ticket.data.linked_identity !== undefined && !linked) return null;
  const user = linked ? { ...row, email: linked.email_lower, username: linked.username, phone_number: null, connection: linked.connection } : row;
  if (user.connection.strategy !== "auth0") return null;
  const rules = connectionRules(user.connection);
  return {
    userId: user.user_id,
    linkedId: linked?.id ?? null,
    email: user.email,
    clientId: ticket.clientId,
    connection: { id: user.connection.id, name: user.connection.name },
    policy: {
      passwordPolicy: rules.passwordPolicy ?? null,
      password_complexity_options: rules.password_complexity_options ?? null,
      password_dictionary: rules.password_dictionary ? { enable: rules.password_dictionary.enable, dictionary: rules.password_dictionary.dictionary } : null,
      password_no_personal_info: rules.password_no_personal_info ?? null,
    },
    personal: { email: user.email, username: user.username, name: user.name, nickname: user.nickname, user_metadata: user.user_metadata as Record<string, unknown> },
    rules,
    ticketData: ticket.data,
    user: { username: user.username, phone_number: user.phone_number },
  };
}

/** What the reset page shows before the user acts (the ticket is not consumed). */
export async function findPasswordResetTicket(db: DbOrTx, token: string): Promise<PasswordResetTicket | null> {
  const loaded = await loadTicket(db, token);
  if (!loaded) return null;
  const { rules: _rules, ticketData: _data, user: _user, linkedId: _linkedId, ...view } = loaded;
  return view;
}

export async function resetPassword(db: Db, input: { token: string; password: string }): Promise<{ userId: string; email: string | null; clientId: string | null }> {
  const ticket = await loadTicket(db, input.token);
  if (!ticket) throw invalidResetTicket();
  const logBase = {
    user_id: ticket.userId,
    user_name: ticket.email ?? ticket.user.username,
    client_id: ticket.clientId,
    connection: ticket.connection.name,
    connection_id: ticket.connection.id,
    strategy: "auth0",
    strategy_type: "database",
  };
  try {
    await checkPasswordPolicy(input.password, ticket.rules, ticket.personal);
    if (ticket.linkedId) await checkLinkedPasswordHistory(db, ticket.linkedId, input.password, ticket.rules);
    else await checkPasswordHistory(db, ticket.userId, input.password, ticket.rules);
    await screenChangedPassword(db, input.password, logBase);
  } catch (error) {
    if (error instanceof AppError) await writeLogEvent(db, { ...logBase, type: "fcp", description: error.message });
    throw error;
  }
  const hash = await hashPassword(input.password);
  const now = new Date();
  const identifiers = blockIdentifiersOf({ email: ticket.email, username: ticket.user.username, phone_number: ticket.user.phone_number });

  const cleared = await db.$transaction(async (tx) => {
    const consumed = await consumeTicket(tx, "password_change", input.token, now);
    if (!consumed || consumed.userId !== ticket.userId) throw invalidResetTicket();
    if (ticket.linkedId) {
      // The primary's own password, profile and last_password_reset are not the identity's.
      await storeLinkedCredentialHash(tx, ticket.linkedId, hash, ticket.rules);
      await tx.user.update({ where: { user_id: ticket.userId }, data: { updated_at: now } });
    } else {
      await storePasswordHash(tx, ticket.userId, hash, ticket.rules);
      await tx.user.update({
        where: { user_id: ticket.userId },
        data: { last_password_reset: now, updated_at: now, ...(ticket.ticketData.mark_email_as_verified === true ? { email_verified: true } : {}) },
      });
    }
    const { count } = await tx.userBlock.deleteMany({
      where: {
        OR: [
          { user_id: ticket.userId },
          ...(identifiers.length ? [{ identifier: { in: identifiers }, OR: [{ connection_id: ticket.connection.id }, { connection_id: null }] }] : []),
        ],
      },
    });
    await clearBreachedPassword(tx, ticket.userId);
    await endUserSessions(tx, ticket.userId);
    await tx.refreshToken.updateMany({ where: { user_id: ticket.userId, revoked_at: null }, data: { revoked_at: now } });
    return count;
  }, USER_TRANSACTION_OPTIONS);

  await writeLogEvent(db, { ...logBase, type: "scp", description: "Password changed with a password reset link" });
  if (cleared > 0) await writeLogEvent(db, { ...logBase, type: "ublkdu", description: "User login blocks released by a password reset", details: { released: cleared } });
  return { userId: ticket.userId, email: ticket.email, clientId: ticket.clientId };
}
