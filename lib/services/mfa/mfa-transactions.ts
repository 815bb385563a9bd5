// MFA transactions (the `mfa_transactions` table): a second factor awaited after a verified
// password, for 10 minutes (Auth0's mfa_token lifetime).
//   - hosted login: bound to the login transaction (one per transaction; a new password step
//     replaces it), found by the page's `state`;
//   - password grants: the `mfa_token` of the `mfa_required` answer (§3.3, §3.6), a random secret
//     of which only the SHA-256 is stored (the row id), bound to the application it was issued to.
// Consumed once, when the login or the token request completes.
import type { DbOrTx } from "../../db/client.ts";
import { toJson } from "../../db/json.ts";
import { randomAlphanumeric, randomToken, sha256Hex } from "../../crypto/random.ts";
import { foldCase } from "../users/user-search-columns.ts";

export const MFA_TRANSACTION_TTL_MS = 10 * 60 * 1000;

export type MfaTransactionRow = Awaited<ReturnType<DbOrTx["mfaTransaction"]["findFirstOrThrow"]>>;
/** What an mfa_token's token request asked for, finished once the factor is verified. */
export type MfaTokenGrant = { scope: string[]; audience?: string };

/**
 * What failed codes are counted against (brute-force protection): the user's email, else username,
 * case-folded as login identifiers are, so a block from failed codes also stops password logins
 * with that email from that IP, and is listed and released with the user's other blocks.
 */
export function mfaIdentifier(user: { user_id: string; email: string | null; username: string | null }): string {
  return foldCase(user.email ?? user.username ?? user.user_id);
}

type Subject = { userId: string; clientId: string; connectionId: string; identifier: string };

function live(row: MfaTransactionRow | null): MfaTransactionRow | null {
  return row && !row.consumed_at && row.expires_at.getTime() > Date.now() ? row : null;
}

export async function createLoginMfaTransaction(db: DbOrTx, input: Subject & { loginTransactionId: string }): Promise<MfaTransactionRow> {
  await db.mfaTransaction.deleteMany({ where: { login_transaction_id: input.loginTransactionId } });
  return db.mfaTransaction.create({
    data: {
      id: randomAlphanumeric(32),
      login_transaction_id: input.loginTransactionId,
      user_id: input.userId,
      client_id: input.clientId,
      connection_id: input.connectionId,
      identifier: input.identifier,
      expires_at: new Date(Date.now() + MFA_TRANSACTION_TTL_MS),
    },
  });
}

/** A new mfa_token (returned once; only its hash is stored). */
export async function createMfaToken(db: DbOrTx, input: Subject & { grant: MfaTokenGrant }): Promise<{ token: string; row: MfaTransactionRow }> {
  const token = randomToken(32);
  const row = await db.mfaTransaction.create({
    data: {
      id: sha256Hex(token),
      user_id: input.userId,
      client_id: input.clientId,
      connection_id: input.connectionId,
      identifier: input.identifier,
      grant: toJson(input.grant),
      expires_at: new Date(Date.now() + MFA_TRANSACTION_TTL_MS),
    },
  });
  return { token, row };
}

/** The live MFA transaction of a login transaction, or null. */
export async function findLoginMfaTransaction(db: DbOrTx, loginTransactionId: string): Promise<MfaTransactionRow | null> {
  return live(await db.mfaTransaction.findUnique({ where: { login_transaction_id: loginTransactionId } }));
}

/** The live MFA transaction of an mfa_token, or null (unknown, expired, used). */
export async function findMfaTokenTransaction(db: DbOrTx, token: string | undefined): Promise<MfaTransactionRow | null> {
  if (!token || token.length > 200) return null;
  const row = await db.mfaTransaction.findUnique({ where: { id: sha256Hex(token) } });
  return row && !row.login_transaction_id ? live(row) : null;
}

/** The factor was verified; a hosted login keeps the new recovery code (encrypted) to show until it completes. */
export async function markMfaVerified(db: DbOrTx, id: string, recoveryCodeEncrypted?: string): Promise<void> {
  await db.mfaTransaction.update({ where: { id }, data: { verified_at: new Date(), ...(recoveryCodeEncrypted ? { recovery_code_encrypted: recoveryCodeEncrypted } : {}) } });
}

/** Marks it used (and forgets the recovery code it kept); false when another request used it first. */
export async function consumeMfaTransaction(db: DbOrTx, id: string): Promise<boolean> {
  const { count } = await db.mfaTransaction.updateMany({ where: { id, consumed_at: null }, data: { consumed_at: new Date(), recovery_code_encrypted: null } });
  return count === 1;
}
