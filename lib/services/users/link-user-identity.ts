// POST /api/v2/users/{id}/identities (auth0-management-api.md §3.10): links a secondary account
// into a primary one, server form (`provider` + `user_id`, optionally `connection_id`). In one
// transaction, both users locked: the secondary's identity moves to the primary, carrying the
// secondary's root profile in `profileData`; a database identity's credentials (email, username,
// password hash and history) move to a linked_identity_credentials row of the primary, so they
// keep signing in, as the primary (linked-identity-credentials.ts); the secondary user row is
// removed (its metadata, roles and permissions go with it: Auth0 discards the secondary's
// metadata); the primary's root profile, id and metadata are unchanged. Answers the primary's
// identities (201).
//
// The client form (`link_with`, the secondary's ID token) needs Gatehouse's OIDC provider to have
// issued that token, which comes with the hosted-login feature: 400 until then.
import type { Db } from "../../db/client.ts";
import { toJson } from "../../db/json.ts";
import type { LinkIdentityInput } from "../../schemas/users.ts";
import type { Actor } from "../actor.ts";
import { conflict, invalid } from "../errors.ts";
import { assertActorMayActOn } from "./assert-actor-may-act-on.ts";
import { assertNotOperatorAccount, getUserConnection } from "./assert-user-manageable.ts";
import { findUserRow, getUserRowOrThrow, userNotFound } from "./get-user.ts";
import { stashLinkedCredentials } from "./linked-identity-credentials.ts";
import { lockUsers, USER_TRANSACTION_OPTIONS } from "./lock-user.ts";
import { presentUser, type UserRowForPresentation } from "./present-user.ts";

const PROFILE_FIELDS = ["email", "email_verified", "name", "username", "given_name", "family_name", "nickname", "picture", "phone_number", "phone_verified"] as const;

const secondaryNotFound = () => invalid("Provided secondary account not found.", "invalid_body");

/** The secondary's root profile, as Auth0 keeps it in `identities[].profileData`. */
function profileDataOf(user: UserRowForPresentation): Record<string, unknown> {
  const profile: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    const value = user[field];
    if (value !== null) profile[field] = value;
  }
  if (user.email === null) delete profile.email_verified;
  if (user.phone_number === null) delete profile.phone_verified;
  return profile;
}

export async function linkUserIdentity(db: Db, primaryId: string, input: LinkIdentityInput, actor: Actor): Promise<unknown[]> {
  assertActorMayActOn(actor, primaryId, "update:users", "update:current_user_identities");
  if (input.link_with !== undefined)
    throw invalid(
      "Linking with an ID token (link_with) is not supported yet: it needs Gatehouse's OpenID Connect provider. Use provider and user_id.",
      "operation_not_supported",
    );
  const provider = input.provider!;
  const providerUserId = String(input.user_id!);
  const secondaryId = `${provider}|${providerUserId}`;

  const primary = await getUserRowOrThrow(db, primaryId);
  assertNotOperatorAccount(await getUserConnection(db, primary.connection_id));
  if (secondaryId === primaryId) throw invalid("Main identity and the new one are the same.", "invalid_body");
  if (primary.identities.some((i) => i.provider === provider && i.provider_user_id === providerUserId && (!input.connection_id || i.connection_id === input.connection_id)))
    throw conflict("Specified identity already exists.", "identity_exists");

  const secondary = await findUserRow(db, secondaryId);
  if (!secondary || (input.connection_id !== undefined && secondary.connection_id !== input.connection_id)) throw secondaryNotFound();
  assertNotOperatorAccount(await getUserConnection(db, secondary.connection_id));
  if (secondary.identities.length > 1)
    throw invalid("Unable to link with the secondary account: it has linked identities of its own. Unlink them first.", "invalid_body");

  const linked = await db.$transaction(async (tx) => {
    const locked = await lockUsers(tx, [primaryId, secondaryId]);
    if (!locked.has(primaryId)) throw userNotFound();
    if (!locked.has(secondaryId)) throw secondaryNotFound();
    const current = await findUserRow(tx, secondaryId);
    const identity = current?.identities.find((i) => i.provider === provider && i.provider_user_id === providerUserId);
    if (!current || !identity || current.identities.length > 1) throw secondaryNotFound();
    await stashLinkedCredentials(tx, { primaryId, secondary: current, providerUserId });
    await tx.passwordHistory.deleteMany({ where: { user_id: secondaryId } });
    await tx.ticket.deleteMany({ where: { user_id: secondaryId } });
    // Brute-force blocks keyed by the secondary's identifier keep protecting it, now for the primary.
    await tx.userBlock.updateMany({ where: { user_id: secondaryId }, data: { user_id: primaryId } });
    await tx.userIdentity.update({ where: { id: identity.id }, data: { user_id: primaryId, profile_data: toJson(profileDataOf(current)) } });
    await tx.user.delete({ where: { user_id: secondaryId } });
    await tx.user.update({ where: { user_id: primaryId }, data: { updated_at: new Date() } });
    return getUserRowOrThrow(tx, primaryId);
  }, USER_TRANSACTION_OPTIONS);
  return presentUser(linked).identities as unknown[];
}
