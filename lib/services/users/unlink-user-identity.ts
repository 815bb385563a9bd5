// DELETE /api/v2/users/{id}/identities/{provider}/{user_id} (auth0-management-api.md §3.10):
// unlinks a secondary identity. The identity leaves the primary and becomes a standalone user
// again, `{provider}|{user_id}`, with its profile from `profileData` and no metadata, as Auth0
// recreates it. A database identity gets its credentials back (password hash and history, kept
// while linked: linked-identity-credentials.ts), so the recreated user signs in as before.
// Answers the primary's remaining identities (200).
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { JsonColumnNull } from "../../db/json.ts";
import type { Actor } from "../actor.ts";
import { conflict, invalid } from "../errors.ts";
import { assertActorMayActOn } from "./assert-actor-may-act-on.ts";
import { assertNotOperatorAccount, getUserConnection } from "./assert-user-manageable.ts";
import { getUserRowOrThrow, userNotFound } from "./get-user.ts";
import { restoreLinkedCredentials } from "./linked-identity-credentials.ts";
import { lockUser, USER_TRANSACTION_OPTIONS } from "./lock-user.ts";
import { presentUser } from "./present-user.ts";
import { newSearchKey, searchColumnsFor } from "./user-search-columns.ts";

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

export async function unlinkUserIdentity(db: Db, primaryId: string, provider: string, providerUserId: string, actor: Actor): Promise<unknown[]> {
  assertActorMayActOn(actor, primaryId, "update:users", "update:current_user_identities");
  const primary = await getUserRowOrThrow(db, primaryId);
  assertNotOperatorAccount(await getUserConnection(db, primary.connection_id));
  const secondaryId = `${provider}|${providerUserId}`;
  if (secondaryId === primaryId) throw invalid("Main identity cannot be removed.", "invalid_body");

  try {
    const row = await db.$transaction(async (tx) => {
      if (!(await lockUser(tx, primaryId))) throw userNotFound();
      const identity = await tx.userIdentity.findFirst({ where: { user_id: primaryId, provider, provider_user_id: providerUserId } });
      if (!identity) throw invalid(`The user has no linked identity ${secondaryId}.`, "inexistent_identity");
      const profile = (identity.profile_data ?? {}) as Record<string, unknown>;
      const email = text(profile.email);
      const phone = text(profile.phone_number);
      const fields = {
        email,
        email_verified: email !== null && profile.email_verified === true,
        username: text(profile.username),
        phone_number: phone,
        phone_verified: phone !== null && profile.phone_verified === true,
        name: text(profile.name),
        nickname: text(profile.nickname),
        given_name: text(profile.given_name),
        family_name: text(profile.family_name),
        picture: text(profile.picture),
      };
      const now = new Date();
      await tx.user.create({
        data: {
          user_id: secondaryId,
          connection_id: identity.connection_id,
          ...fields,
          ...searchColumnsFor(fields),
          search_key: newSearchKey(),
          user_metadata: {},
          app_metadata: {},
          multifactor: [],
          created_at: now,
          updated_at: now,
        },
      });
      await tx.userIdentity.update({ where: { id: identity.id }, data: { user_id: secondaryId, profile_data: JsonColumnNull } });
      await restoreLinkedCredentials(tx, { primaryId, userId: secondaryId, connectionId: identity.connection_id, providerUserId });
      await tx.user.update({ where: { user_id: primaryId }, data: { updated_at: now } });
      await tx.userBlock.updateMany({
        where: { user_id: primaryId, identifier: { in: [fields.email, fields.username, fields.phone_number].filter((v): v is string => v !== null).map((v) => v.toLowerCase()) } },
        data: { user_id: secondaryId },
      });
      return getUserRowOrThrow(tx, primaryId);
    }, USER_TRANSACTION_OPTIONS);
    return presentUser(row).identities as unknown[];
  } catch (error) {
    // A user with that id, or that email/username in the identity's connection, exists again.
    if (isUniqueViolation(error)) throw conflict("The user already exists.", "auth0_idp_error");
    throw error;
  }
}
