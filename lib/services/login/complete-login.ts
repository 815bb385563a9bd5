// After the hosted pages authenticated a user (login or signup): the SSO session, the login
// record (logins_count, last_login, `s` event), the user on the transaction, then the rest of
// /authorize (consent if still needed, else the authorization code). Returns what the browser is
// sent to, and the session cookie to set.
// When the user must pass a second factor and has not yet (amr without "mfa"), nothing of that
// happens: MfaStepRequired is thrown with the MFA page to go to (./start-login-mfa.ts), and the
// MFA page calls completeLogin again with amr ["pwd", "mfa"] (./login-mfa.ts).
import type { Db } from "../../db/client.ts";
import { continueAuthorization, type AuthorizeOutcome } from "../../oidc/authorize/authorize.ts";
import { attachUserToTransaction, type LoginTransaction } from "../../oidc/authorize/login-transactions.ts";
import { recordLogin } from "../authentication/authenticate-password.ts";
import { establishSession } from "./establish-session.ts";
import { MfaStepRequired } from "./login-errors.ts";
import { startLoginMfa } from "./start-login-mfa.ts";

export type CompletedLogin = {
  outcome: AuthorizeOutcome;
  sessionCookie: { value: string; maxAgeSeconds: number };
};

export type CompleteLoginInput = {
  transaction: LoginTransaction;
  user: { user_id: string; email: string | null; username: string | null };
  connection: { id: string; name: string };
  clientName?: string;
  /** The browser's current session cookie, if any. */
  currentSessionCookie?: string;
  ip?: string;
  userAgent?: string;
  /** Authentication methods (OpenID Connect `amr`); a password by default. */
  amr?: string[];
};

export async function completeLogin(db: Db, input: CompleteLoginInput): Promise<CompletedLogin> {
  const { transaction, user } = input;
  if (!input.amr?.includes("mfa")) {
    const mfa = await startLoginMfa(db, { transaction, user, connection: input.connection, ...(input.clientName ? { clientName: input.clientName } : {}) });
    if (mfa) throw new MfaStepRequired(mfa.location, mfa.browserBinding);
  }
  const { session, cookieValue, maxAgeSeconds } = await establishSession(db, {
    userId: user.user_id,
    amr: input.amr ?? ["pwd"],
    currentCookie: input.currentSessionCookie,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  await recordLogin(db, {
    userId: user.user_id,
    userName: user.email ?? user.username,
    ip: input.ip,
    clientId: transaction.client_id,
    clientName: input.clientName,
    connection: input.connection,
  });
  await attachUserToTransaction(db, transaction.id, user.user_id, session.id);
  const outcome = await continueAuthorization(db, { ...transaction, user_id: user.user_id, session_id: session.id }, session);
  return { outcome, sessionCookie: { value: cookieValue, maxAgeSeconds } };
}
