// DELETE /api/v2/users/{id} (auth0-management-api.md §3.5, §7.5). In one transaction, with the
// user's row locked: the user row goes, and with it (foreign keys cascade) its identities — linked
// secondary identities included —, password, role assignments, direct permissions and metadata
// index; the rows without a foreign key are removed explicitly: password history, tickets (and
// pending verification-email requests) and brute-force blocks (by user, and by the user's email,
// username or phone in its connection). Gatehouse has no grants, sessions or refresh tokens yet;
// their tables will cascade from the user when they arrive.
//
// Log events are detached from the person (detach-user-from-logs.ts), the linked accounts' events
// included: in full before the transaction (the slow part, kept out of it; a failure leaves the user
// in place for a retry), then for the events written meanwhile. Finally `sdu` is written.
//
// An unknown user is a 204 with nothing done: Auth0's DELETE lists no 404, and deleting is
// idempotent (a retried request must not fail).
import type { Db } from "../../db/client.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import type { Actor } from "../actor.ts";
import { assertActorMayActOn } from "./assert-actor-may-act-on.ts";
import { assertNotOperatorAccount, getUserConnection } from "./assert-user-manageable.ts";
import { detachUserFromLogs, type PersonalData } from "./detach-user-from-logs.ts";
import { findUserRow } from "./get-user.ts";
import type { UserRowForPresentation } from "./present-user.ts";
import { userBlocksWhere } from "./list-user-blocks.ts";
import { lockUser, USER_TRANSACTION_OPTIONS } from "./lock-user.ts";

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Whose data the user's log events carry: the user, and the accounts linked into it. */
export function personalDataOf(row: UserRowForPresentation): PersonalData[] {
  const primary: PersonalData = {
    userId: row.user_id,
    email: row.email,
    identifiers: [row.username, row.phone_number],
    names: [row.name, row.given_name, row.family_name, row.nickname],
  };
  const linked = row.identities
    .filter((identity) => `${identity.provider}|${identity.provider_user_id}` !== row.user_id)
    .map((identity): PersonalData => {
      const profile = (identity.profile_data ?? {}) as Record<string, unknown>;
      return {
        userId: `${identity.provider}|${identity.provider_user_id}`,
        email: text(profile.email),
        identifiers: [text(profile.username), text(profile.phone_number)],
        names: [text(profile.name), text(profile.given_name), text(profile.family_name), text(profile.nickname)],
      };
    });
  return [primary, ...linked];
}

/** Events written by other instances up to this long before the first pass are caught by the second. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Where the search for API events that mention the user may start: the account's events come after
 * its row (its creation's own event included). Imported users carry an earlier created_at, which
 * only widens the search. Not for users with linked accounts: those accounts' older events mention
 * them before the primary existed. Older events can still name the person through an earlier
 * account with the same address; erasure (erase-user.ts) scans the whole trail for those.
 */
export function mentionsSince(row: UserRowForPresentation): Date | undefined {
  if (row.identities.length > 1) return undefined;
  return new Date(row.created_at.getTime() - CLOCK_SKEW_MS);
}

export async function deleteUser(db: Db, userId: string, actor: Actor): Promise<{ deleted: boolean }> {
  assertActorMayActOn(actor, userId, "delete:users", "delete:current_user");
  const existing = await findUserRow(db, userId);
  if (!existing) return { deleted: false };
  const connection = await getUserConnection(db, existing.connection_id);
  assertNotOperatorAccount(connection);

  // First the logs (the long part): if this fails, the user is still there and the DELETE can be retried.
  const firstPass = new Date(Date.now() - CLOCK_SKEW_MS);
  await detachUserFromLogs(db, personalDataOf(existing), { mentionsSince: mentionsSince(existing) });

  const deleted = await db.$transaction(async (tx) => {
    if (!(await lockUser(tx, userId))) return null;
    const row = await findUserRow(tx, userId);
    if (!row) return null;
    await tx.passwordHistory.deleteMany({ where: { user_id: userId } });
    await tx.ticket.deleteMany({ where: { user_id: userId } });
    await tx.userBlock.deleteMany({ where: userBlocksWhere(row) });
    // Identities (linked ones included), password, roles, permissions and metadata index cascade.
    await tx.user.delete({ where: { user_id: userId } });
    return row;
  }, USER_TRANSACTION_OPTIONS);
  if (!deleted) return { deleted: false };

  // Then the events written since the first pass (a PATCH that raced the delete, a login).
  await detachUserFromLogs(db, personalDataOf(deleted), { since: firstPass });
  await writeLogEvent(db, {
    type: "sdu",
    user_id: userId,
    connection: connection.name,
    connection_id: connection.id,
    strategy: connection.strategy,
    strategy_type: connection.strategy === "auth0" ? "database" : undefined,
    details: { body: { connection: connection.name } },
  });
  return { deleted: true };
}
