// POST /api/v2/tickets/email-verification (auth0-management-api.md §3.12, §7.6): a single-use link
// that marks the user's email as verified when followed. Logged `svr`. The page at
// /u/email-verification comes with the hosted-login feature.
import type { Db } from "../../db/client.ts";
import { env } from "../../env.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { DEFAULT_TICKET_TTL_SECONDS, type EmailVerificationTicketInput } from "../../schemas/tickets.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { issueTicket } from "./issue-ticket.ts";
import { resolveTicketUser } from "./resolve-ticket-user.ts";

export async function createEmailVerificationTicket(db: Db, input: EmailVerificationTicketInput, actor: Actor): Promise<{ ticket: string }> {
  const { user, connection } = await resolveTicketUser(db, input);
  if (!user.email) throw invalid("The user does not have an email address.", "invalid_body");

  const { token } = await db.$transaction((tx) =>
    issueTicket(tx, {
      kind: "email_verification",
      userId: user.user_id,
      clientId: input.client_id,
      ttlSeconds: input.ttl_sec || DEFAULT_TICKET_TTL_SECONDS,
      data: {
        email: user.email,
        result_url: input.result_url ?? null,
        include_email_in_redirect: input.includeEmailInRedirect ?? false,
        requested_by: actor.kind === "client" ? actor.clientId : actor.kind,
      },
    }),
  );
  await writeLogEvent(db, {
    type: "svr",
    description: "Email verification ticket created",
    client_id: input.client_id ?? null,
    user_id: user.user_id,
    user_name: user.email,
    connection: connection.name,
    connection_id: connection.id,
    strategy: connection.strategy,
    strategy_type: connection.strategy === "auth0" ? "database" : undefined,
  });
  return { ticket: `${env().issuer}u/email-verification?ticket=${token}#` };
}
