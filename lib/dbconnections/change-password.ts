// POST /dbconnections/change_password (auth0-authentication.md §9.2): JSON {client_id, email,
// connection} → 200 "We've just sent you an email to reset your password." whether or not the
// account exists (enumeration safety): the lookup, the ticket and the email run in the background
// (request-password-reset.ts), so neither the words nor the time of the answer depend on them.
// What can fail visibly does not concern the account: an unknown client or connection, a missing
// field, or a rate limit (per IP and per email; 429 with Retry-After).
import type { Db } from "../db/client.ts";
import { enforceRateLimits } from "../attack-protection/rate-limits.ts";
import { runInBackground } from "../email/background.ts";
import { requestPasswordReset } from "../services/authentication/request-password-reset.ts";
import { findDbConnectionTarget } from "./find-signup-connection.ts";
import { DbConnectionsError } from "./legacy-error.ts";

export const CHANGE_PASSWORD_SENT = "We've just sent you an email to reset your password.";

export async function dbConnectionsChangePassword(db: Db, body: Record<string, unknown>, context: { ip?: string }): Promise<string> {
  const target = await findDbConnectionTarget(db, body.client_id, body.connection);
  const email = body.email;
  if (typeof email !== "string" || email.trim() === "") throw new DbConnectionsError(400, "invalid_body", "Missing required property: email");
  if (email.length > 320) throw new DbConnectionsError(400, "invalid_body", "email is too long");
  await enforceRateLimits(db, "reset", { ip: context.ip, identifier: email.trim().toLowerCase() });
  void runInBackground("password reset request", () =>
    requestPasswordReset(db, { identifier: email, connections: [target.connection], clientId: target.client.client_id, clientName: target.client.name }),
  );
  return CHANGE_PASSWORD_SENT;
}
