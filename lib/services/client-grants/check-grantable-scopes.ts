// What a client grant may carry, checked against the API's scope list as it is when the grant is
// written (the caller holds the API's lock: lock-resource-server.ts):
// - only scopes the API defines (400 naming the others): a grant never carries an undefined scope;
// - on the Management API, no end-user (`*current_user*`) scopes: they only mean something in a
//   user's token, never in a machine-to-machine one;
// - on the Management API, a client caller may only add scopes its own token carries, so
//   create:client_grants / update:client_grants cannot be used to escalate beyond them (a Gatehouse
//   rule; Auth0 has none). Narrowing a grant is always allowed. Operators may grant anything.
import { CURRENT_USER_SCOPES } from "../../management/scopes.ts";
import type { Actor } from "../actor.ts";
import { AppError, invalid } from "../errors.ts";
import type { LockedResourceServer } from "../resource-servers/lock-resource-server.ts";

export function checkGrantableScopes(api: LockedResourceServer, scopes: readonly string[], actor: Actor, alreadyGranted: readonly string[] = []): void {
  const defined = new Set(api.scopes.map((s) => s.value));
  const undefinedScopes = scopes.filter((s) => !defined.has(s));
  if (undefinedScopes.length)
    throw invalid(`The API ${api.identifier} does not define the scope${undefinedScopes.length > 1 ? "s" : ""}: ${undefinedScopes.join(", ")}.`, "invalid_body");
  if (!api.is_system) return;

  const userScopes = scopes.filter((s) => CURRENT_USER_SCOPES.has(s));
  if (userScopes.length)
    throw invalid(`End-user scopes cannot be granted to a machine-to-machine client: ${userScopes.join(", ")}.`, "invalid_body");
  if (actor.kind === "client") {
    const held = new Set(alreadyGranted);
    const escalating = scopes.filter((s) => !held.has(s) && !actor.scopes.has(s));
    if (escalating.length)
      throw new AppError("forbidden", `Insufficient scope: a client grant cannot add Management API scopes the caller's token lacks: ${escalating.join(", ")}.`, "insufficient_scope");
  }
}
