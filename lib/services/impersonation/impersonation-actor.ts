// Who impersonates: the `act` claim's subject (RFC 8693 §4.1) for each kind of actor.
import type { Actor } from "../actor.ts";
import { forbidden } from "../errors.ts";

export type ImpersonationActor = { sub: string; email: string | null };

/**
 * An operator signing in from the dashboard is named by their user_id; a Management API caller by
 * its token's subject (`<client_id>@clients`). The system never impersonates.
 */
export function impersonationActor(actor: Actor): ImpersonationActor {
  if (actor.kind === "operator") return { sub: actor.userId, email: actor.email };
  if (actor.kind === "client") return { sub: actor.subject, email: null };
  throw forbidden("Only an operator or a Management API client may impersonate a user.");
}
