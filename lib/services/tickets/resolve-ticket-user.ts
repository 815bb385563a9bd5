// The checks both ticket endpoints share (auth0-management-api.md §3.12), with Auth0's messages:
// the organization (Gatehouse has none, so any id names one that does not exist), the client, the
// user (404 "User not found."), and the `identity` the ticket targets, which must be one of the
// user's (Gatehouse issues tickets for the primary identity; linked ones come with their own
// credentials later).
import type { DbOrTx } from "../../db/client.ts";
import { invalid, notFound } from "../errors.ts";
import { getUserConnection, type UserConnection } from "../users/assert-user-manageable.ts";
import { findUserRow } from "../users/get-user.ts";
import type { UserRowForPresentation } from "../users/present-user.ts";

export type TicketTargetInput = {
  user_id?: string;
  email?: string;
  connection_id?: string;
  client_id?: string;
  organization_id?: string;
  identity?: { user_id: string; provider: string; connection_id?: string };
};

export const ticketUserNotFound = () => notFound("User not found.", "inexistent_user");

export async function resolveTicketUser(db: DbOrTx, input: TicketTargetInput): Promise<{ user: UserRowForPresentation; connection: UserConnection }> {
  if (input.organization_id !== undefined) throw invalid("The organization does not exist", "inexistent_organization");
  if (input.client_id !== undefined && !(await db.client.findUnique({ where: { client_id: input.client_id }, select: { client_id: true } })))
    throw invalid("The client does not exist", "inexistent_client");

  let user: UserRowForPresentation | null;
  if (input.user_id !== undefined) {
    user = await findUserRow(db, input.user_id);
  } else {
    const connection = await db.connection.findUnique({ where: { id: input.connection_id! }, select: { id: true } });
    if (!connection) throw invalid(`The connection with id ${input.connection_id} does not exist.`, "inexistent_connection");
    const match = await db.user.findFirst({ where: { connection_id: connection.id, email: input.email!.toLowerCase() }, select: { user_id: true } });
    user = match ? await findUserRow(db, match.user_id) : null;
  }
  if (!user) throw ticketUserNotFound();

  if (input.identity) {
    const { user_id, provider, connection_id } = input.identity;
    const identity = user.identities.find(
      (i) => i.provider === provider && i.provider_user_id === user_id && (connection_id === undefined || i.connection_id === connection_id),
    );
    if (!identity) throw invalid("The user exists, but does not contain the given identity.", "invalid_body");
    if (`${identity.provider}|${identity.provider_user_id}` !== user.user_id)
      throw invalid("Tickets for linked (secondary) identities are not supported yet.", "operation_not_supported");
  }
  return { user, connection: await getUserConnection(db, user.connection_id) };
}
