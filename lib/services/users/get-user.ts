// One user by id, in Auth0's shape (GET /api/v2/users/{id}, auth0-management-api.md §3.3).
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { notFound } from "../errors.ts";
import { assertActorMayActOn } from "./assert-actor-may-act-on.ts";
import { presentUser, USER_PRESENTATION_INCLUDE, type UserRowForPresentation } from "./present-user.ts";

/** Auth0's 404 for users (§1.3). */
export const userNotFound = () => notFound("The user does not exist.", "inexistent_user");

export async function findUserRow(db: DbOrTx, userId: string): Promise<UserRowForPresentation | null> {
  return (await db.user.findUnique({ where: { user_id: userId }, include: USER_PRESENTATION_INCLUDE })) as UserRowForPresentation | null;
}

export async function getUserRowOrThrow(db: DbOrTx, userId: string): Promise<UserRowForPresentation> {
  const row = await findUserRow(db, userId);
  if (!row) throw userNotFound();
  return row;
}

/** read:users, or read:current_user for the token's own user. */
export async function getUser(db: DbOrTx, userId: string, actor: Actor): Promise<Record<string, unknown>> {
  assertActorMayActOn(actor, userId, "read:users", "read:current_user");
  return presentUser(await getUserRowOrThrow(db, userId));
}
