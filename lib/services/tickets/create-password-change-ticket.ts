// POST /api/v2/tickets/password-change (auth0-management-api.md §3.12, §7.3): a single-use link to
// set a new password, for a database user named by `user_id` or by `email` + `connection_id`. The
// endpoint does not verify who asks: the caller must have (Auth0 says the same). Operators'
// accounts are refused: the link is handed to the caller, and would hand over the account.
// Logged `scpr`. The page at /u/reset-verify comes with the hosted-login feature.
import type { Db } from "../../db/client.ts";
import { env } from "../../env.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { DEFAULT_TICKET_TTL_SECONDS, type PasswordChangeTicketInput } from "../../schemas/tickets.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { assertNotOperatorAccount } from "../users/assert-user-manageable.ts";
import { identityProviderKind } from "../users/identity-provider-kind.ts";
import { issueTicket } from "./issue-ticket.ts";
import { resolveTicketUser } from "./resolve-ticket-user.ts";

export async function createPasswordChangeTicket(db: Db, input: PasswordChangeTicketInput, actor: Actor): Promise<{ ticket: string }> {
  const { user, connection } = await resolveTicketUser(db, input);
  if (identityProviderKind(connection.strategy) !== "database") throw invalid("The user's main connection does not support this operation.", "invalid_body");
  assertNotOperatorAccount(connection);
  if (!user.email) throw invalid("The user does not have an email address.", "invalid_body");

  const { token } = await db.$transaction((tx) =>
    issueTicket(tx, {
      kind: "password_change",
      userId: user.user_id,
      clientId: input.client_id,
      ttlSeconds: input.ttl_sec || DEFAULT_TICKET_TTL_SECONDS,
      data: {
        connection_id: connection.id,
        result_url: input.result_url ?? null,
        mark_email_as_verified: input.mark_email_as_verified ?? false,
        include_email_in_redirect: input.includeEmailInRedirect ?? false,
        requested_by: actor.kind === "client" ? actor.clientId : actor.kind,
      },
    }),
  );
  await writeLogEvent(db, {
    type: "scpr",
    description: "Password change ticket created",
    client_id: input.client_id ?? null,
    user_id: user.user_id,
    user_name: user.email,
    connection: connection.name,
    connection_id: connection.id,
    strategy: connection.strategy,
    strategy_type: "database",
  });
  return { ticket: `${env().issuer}u/reset-verify?ticket=${token}#` };
}
