// Erasure (GDPR art. 17): POST /api/v2/users/{id}/erase, a Gatehouse extension, and the
// dashboard. A deletion (delete-user.ts: the user, identities, password and history, roles,
// permissions, metadata, tickets, blocks, sessions, refresh tokens, consents, the breached-password
// flag; log events detached from the person; `sdu`), then what a deletion leaves behind:
//   - the user's emails in the outbox (their bodies carry the name and address) and every message
//     to their address;
//   - authorization codes and login transactions naming the user;
//   - attack-protection counters keyed by the user's identifiers (database store; Redis keys
//     expire on their own);
//   - in the log events kept for security: the API events' strings that contain the user id (request
//     paths, bodies) are redacted too, and the user id of the person's own events is replaced by
//     one random pseudonym (`erased|<24 hex>`), so the trail still tells which events were one
//     account's without naming it (a social user's id embeds the provider's account id).
// The audit event of the erase request itself (`sapi`, written by the Management API wrapper)
// keeps the id it was called with: the record that the erasure was done, and by whom.
//
// Idempotent: an unknown id (already erased, or a retry after a failure part-way) still gets the
// clean-up by id, and the answer is the same 204.
import type { Db } from "../../db/client.ts";
import { newObjectId } from "../../crypto/ids.ts";
import type { Actor } from "../actor.ts";
import { assertActorMayActOn } from "./assert-actor-may-act-on.ts";
import { assertNotOperatorAccount, getUserConnection } from "./assert-user-manageable.ts";
import { deleteUser, personalDataOf } from "./delete-user.ts";
import { detachUserFromLogs, type PersonalData } from "./detach-user-from-logs.ts";
import { findUserRow } from "./get-user.ts";

export const ERASED_PREFIX = "erased|";

export type ErasureReceipt = { erased: boolean; log_events_pseudonymized: number };

export async function eraseUser(db: Db, userId: string, actor: Actor): Promise<ErasureReceipt> {
  assertActorMayActOn(actor, userId, "delete:users", "delete:current_user");
  const existing = await findUserRow(db, userId);
  if (existing) assertNotOperatorAccount(await getUserConnection(db, existing.connection_id));

  const people: PersonalData[] = existing ? personalDataOf(existing) : [{ userId, email: null, identifiers: [], names: [] }];
  if (existing) await deleteUser(db, userId, actor);

  const accountIds = people.map((person) => person.userId);
  const addresses = people.map((person) => person.email?.toLowerCase()).filter((email): email is string => Boolean(email));
  const identifiers = [...new Set(people.flatMap((person) => [person.email, ...person.identifiers]).filter((v): v is string => Boolean(v)).map((v) => v.toLowerCase()))];

  await db.emailMessage.deleteMany({ where: { OR: [{ user_id: { in: accountIds } }, ...(addresses.length ? [{ to: { in: addresses } }] : [])] } });
  await db.authorizationCode.deleteMany({ where: { user_id: { in: accountIds } } });
  await db.loginTransaction.deleteMany({ where: { user_id: { in: accountIds } } });
  if (identifiers.length)
    await db.rateCounter.deleteMany({ where: { OR: identifiers.flatMap((identifier) => [{ key: { endsWith: ` ${identifier}` } }, { key: { endsWith: `:${identifier}` } }]) } });

  // Strings that contain the user ids go too (plain and as they appear in request paths). Over the
  // whole trail, unlike a deletion's bounded pass: events from before this account existed can
  // name the same person (an earlier account with this address, a refused creation).
  await detachUserFromLogs(
    db,
    people.map((person) => ({ ...person, identifiers: [...person.identifiers, person.userId, encodeURIComponent(person.userId)] })),
  );
  const pseudonym = `${ERASED_PREFIX}${newObjectId()}`;
  const { count } = await db.logEvent.updateMany({ where: { user_id: { in: accountIds } }, data: { user_id: pseudonym, user_name: null, ip: null, user_agent: null } });
  return { erased: existing !== null, log_events_pseudonymized: count };
}
