// The consent page's answer (auth0-authentication.md §C.8). Accept: the grant is recorded (merged
// with what the user granted the application before) and /authorize continues with consent given,
// so even prompt=consent goes on to the code. Decline: access_denied to the application. Either
// way only for the transaction's own user, in the browser session it was authenticated in.
import type { Db } from "../../db/client.ts";
import { continueAuthorization, denyAuthorization, type AuthorizeOutcome } from "../../oidc/authorize/authorize.ts";
import { findTransactionSession } from "./find-transaction-session.ts";
import { recordConsent } from "./record-consent.ts";

export async function decideConsent(
  db: Db,
  input: { state: string | undefined; sessionCookie: string | undefined; decision: "accept" | "decline" },
): Promise<AuthorizeOutcome> {
  const { transaction, session } = await findTransactionSession(db, input.state, input.sessionCookie);
  if (input.decision === "decline") return denyAuthorization(db, transaction);
  await recordConsent(db, {
    userId: session.user_id,
    clientId: transaction.client_id,
    audience: transaction.request.audience,
    scopes: transaction.request.scope,
  });
  return continueAuthorization(db, transaction, session, { consented: true });
}
