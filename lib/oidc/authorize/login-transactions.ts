// Login transactions (STYLE.md point 8): the validated /authorize request, stored server-side for
// TRANSACTION_TTL_MS while the user is on the hosted pages. Their URLs carry only the id (`state`).
// Each transaction has its own CSRF secret for the forms that advance it.
import type { Db, DbOrTx } from "../../db/client.ts";
import { toJson } from "../../db/json.ts";
import { randomAlphanumeric, randomToken } from "../../crypto/random.ts";
import type { AuthorizeRequest } from "./authorize-request.ts";

export const TRANSACTION_TTL_MS = 30 * 60 * 1000;

export type LoginTransactionRow = Awaited<ReturnType<Db["loginTransaction"]["findFirstOrThrow"]>>;
export type LoginTransaction = Omit<LoginTransactionRow, "request"> & { request: AuthorizeRequest };

export async function createLoginTransaction(
  db: DbOrTx,
  input: { request: AuthorizeRequest; userId?: string; sessionId?: string },
): Promise<LoginTransaction> {
  const row = await db.loginTransaction.create({
    data: {
      id: randomAlphanumeric(32),
      client_id: input.request.client_id,
      request: toJson(input.request),
      user_id: input.userId ?? null,
      session_id: input.sessionId ?? null,
      csrf_secret: randomToken(32),
      expires_at: new Date(Date.now() + TRANSACTION_TTL_MS),
    },
  });
  return { ...row, request: input.request };
}

/** The live transaction for `state`, or null when unknown, expired or already completed. */
export async function findLoginTransaction(db: DbOrTx, state: string | undefined | null): Promise<LoginTransaction | null> {
  if (!state || !/^[A-Za-z0-9]{32}$/.test(state)) return null;
  const row = await db.loginTransaction.findUnique({ where: { id: state } });
  if (!row || row.completed_at || row.expires_at.getTime() <= Date.now()) return null;
  return { ...row, request: row.request as AuthorizeRequest };
}

/** Marks the transaction done; false when another request completed it first. */
export async function completeLoginTransaction(db: DbOrTx, id: string): Promise<boolean> {
  const { count } = await db.loginTransaction.updateMany({ where: { id, completed_at: null }, data: { completed_at: new Date() } });
  return count === 1;
}

export async function attachUserToTransaction(db: DbOrTx, id: string, userId: string, sessionId: string): Promise<void> {
  await db.loginTransaction.update({ where: { id }, data: { user_id: userId, session_id: sessionId } });
}
