// Where completeLogin stops when a second factor is needed (./login-mfa.ts has the whole step):
// an MFA transaction bound to the login transaction, an `mfar` event, and the MFA page's location
// with the browser binding the page will ask for (its cookie, set by the form's server action).
import type { Db } from "../../db/client.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import type { LoginTransaction } from "../../oidc/authorize/login-transactions.ts";
import { mfaRequirement } from "../mfa/mfa-requirement.ts";
import { createLoginMfaTransaction, mfaIdentifier } from "../mfa/mfa-transactions.ts";

/**
 * Before the session is made: null when no second factor is needed; otherwise the MFA page's
 * location and the browser binding to keep in the cookie.
 */
export async function startLoginMfa(
  db: Db,
  input: {
    transaction: LoginTransaction;
    user: { user_id: string; email: string | null; username: string | null };
    connection: { id: string; name: string };
    clientName?: string;
  },
): Promise<{ location: string; browserBinding: string } | null> {
  const requirement = await mfaRequirement(db, input.user.user_id);
  if (!requirement.required) return null;
  const mfa = await createLoginMfaTransaction(db, {
    loginTransactionId: input.transaction.id,
    userId: input.user.user_id,
    clientId: input.transaction.client_id,
    connectionId: input.connection.id,
    identifier: mfaIdentifier(input.user),
  });
  await writeLogEvent(db, {
    type: "mfar",
    description: requirement.enrolled ? "Multifactor authentication required" : "Multifactor authentication enrollment required",
    user_id: input.user.user_id,
    user_name: input.user.email ?? input.user.username,
    client_id: input.transaction.client_id,
    client_name: input.clientName ?? null,
    connection: input.connection.name,
    connection_id: input.connection.id,
  });
  return { location: `/u/mfa?state=${input.transaction.id}`, browserBinding: mfa.id };
}

