// Auth0's user-context scopes (auth0-management-api.md §8.1): a token holding only the
// `*:current_user*` form of a scope may act on its own user (the token's `sub`) and no other:
// 403 "User to be acted on does not match subject in bearer token." Operators and the system act
// on anyone. (Gatehouse issues user-context Management tokens once its OIDC provider lands; the
// rule is enforced from now on so it holds when they do.)
import { actorHasScope, type Actor } from "../actor.ts";
import { forbidden } from "../errors.ts";

export function assertActorMayActOn(actor: Actor, userId: string, scope: string, selfScope: string): void {
  if (actor.kind !== "client" || actorHasScope(actor, scope)) return;
  if (actorHasScope(actor, selfScope)) {
    if (actor.subject === userId) return;
    throw forbidden("User to be acted on does not match subject in bearer token.", "insufficient_scope");
  }
  throw forbidden(`Insufficient scope, expected any of: ${scope},${selfScope}`, "insufficient_scope");
}
