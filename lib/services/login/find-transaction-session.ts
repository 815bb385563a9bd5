// A login transaction that already has its user (the consent step), with the browser's SSO
// session, which must be the very session the transaction was authenticated in: a consent page
// or decision only ever acts for the person who logged in, in the browser they logged in with.
import type { Db } from "../../db/client.ts";
import { findLoginTransaction, type LoginTransaction } from "../../oidc/authorize/login-transactions.ts";
import { findActiveSession, type SessionRow } from "../../oidc/sessions/sessions.ts";
import { LoginTransactionError, TransactionSessionError } from "./login-errors.ts";

export async function findTransactionSession(
  db: Db,
  state: string | null | undefined,
  sessionCookie: string | undefined,
): Promise<{ transaction: LoginTransaction; session: SessionRow }> {
  const transaction = await findLoginTransaction(db, state);
  if (!transaction) throw new LoginTransactionError();
  if (!transaction.user_id || !transaction.session_id) throw new TransactionSessionError("This sign-in has not been completed yet: log in first.");
  const session = await findActiveSession(db, sessionCookie);
  if (!session || session.id !== transaction.session_id || session.user_id !== transaction.user_id) throw new TransactionSessionError();
  return { transaction, session };
}
