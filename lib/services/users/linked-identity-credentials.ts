// The credentials of database identities linked into another user (LinkedIdentityCredential).
//
// Linking removes the secondary's user row (link-user-identity.ts), but in Auth0 the identity's
// credentials stay with it: its email or username and password, in its connection, sign in as the
// primary user, and unlinking gives them back to the recreated user. So, inside the link
// transaction, the secondary's hash, password history, email and username move to a row keyed by
// the primary (stashLinkedCredentials); unlinking moves them back (restoreLinkedCredentials).
// Deleting the primary deletes the rows (foreign key cascade).
//
// Those rows take part in:
//   - uniqueness: an email or username is taken in a connection by a user or by a linked identity
//     (identifierTaken; insertDatabaseUser checks after its insert, see assertNoLinkedIdentityHolds);
//   - password login (findPasswordAccount, upgradeAccountHash: authenticate-password.ts);
//   - password reset by email (findLinkedIdentityForReset, storeLinkedCredentialHash,
//     checkLinkedPasswordHistory: request-password-reset.ts, reset-password.ts): the ticket is the
//     primary's, and names the identity in `data.linked_identity`;
//   - the GDPR export (export-user-data.ts), without hashes.
// Hashes are read only through lib/db/secrets.ts (the Prisma client omits them otherwise).
import type { Db, DbOrTx } from "../../db/client.ts";
import { newInternalId } from "../../crypto/ids.ts";
import { toJson } from "../../db/json.ts";
import { findLinkedCredentialSecrets, findPasswordCredentials, type PasswordCredentials } from "../../db/secrets.ts";
import { hashPassword } from "../../passwords/hash-pool.ts";
import { MAX_PASSWORD_BYTES } from "../../passwords/password-policy.ts";
import { verifyPasswordHash } from "../../passwords/verify-password.ts";
import { AppError, conflict } from "../errors.ts";
import { passwordHistorySize, type PasswordHistoryOptions } from "./check-password-history.ts";
import { upgradePasswordHash } from "./upgrade-password-hash.ts";

type HistoryEntry = { hash: string; created_at: string };

const historyOf = (value: unknown): HistoryEntry[] =>
  Array.isArray(value) ? value.filter((e): e is HistoryEntry => typeof e?.hash === "string" && typeof e?.created_at === "string") : [];

/**
 * Inside the link transaction, before the secondary's user row is deleted: keeps a database
 * identity's credentials (a user of an `auth0` connection; others have none) for the primary.
 */
export async function stashLinkedCredentials(
  tx: DbOrTx,
  input: { primaryId: string; secondary: { user_id: string; connection_id: string; email: string | null; username: string | null }; providerUserId: string },
): Promise<void> {
  const { secondary } = input;
  const connection = await tx.connection.findUnique({ where: { id: secondary.connection_id }, select: { strategy: true } });
  if (connection?.strategy !== "auth0") return;
  const [password, history] = await Promise.all([
    tx.userPassword.findUnique({ where: { user_id: secondary.user_id }, select: { hash: true } }),
    tx.passwordHistory.findMany({ where: { user_id: secondary.user_id }, orderBy: [{ created_at: "desc" }, { id: "desc" }], select: { hash: true, created_at: true } }),
  ]);
  await tx.linkedIdentityCredential.create({
    data: {
      id: newInternalId(),
      user_id: input.primaryId,
      connection_id: secondary.connection_id,
      provider_user_id: input.providerUserId,
      // Database users' email and username are stored lower-cased already.
      email_lower: secondary.email,
      username: secondary.username,
      hash: password?.hash ?? null,
      password_history: toJson(history.map((h) => ({ hash: h.hash, created_at: h.created_at.toISOString() }))),
    },
  });
}

/** Inside the unlink transaction, after the standalone user is recreated: its credentials come back. */
export async function restoreLinkedCredentials(tx: DbOrTx, input: { primaryId: string; userId: string; connectionId: string; providerUserId: string }): Promise<void> {
  const row = await findLinkedCredentialSecrets(tx, { connectionId: input.connectionId, providerUserId: input.providerUserId });
  if (!row || row.user_id !== input.primaryId) return;
  if (row.hash !== null) await tx.userPassword.create({ data: { user_id: input.userId, hash: row.hash } });
  const history = historyOf(row.password_history);
  if (history.length > 0)
    await tx.passwordHistory.createMany({ data: history.map((h) => ({ id: newInternalId(), user_id: input.userId, hash: h.hash, created_at: new Date(h.created_at) })) });
  await tx.linkedIdentityCredential.delete({ where: { id: row.id } });
}

/** Whether a user or a linked identity of the connection has the (stored-form) email or username. */
export async function identifierTaken(db: DbOrTx, connectionId: string, identifier: { email: string } | { username: string }): Promise<boolean> {
  const [user, linked] = await Promise.all([
    db.user.findFirst({ where: { connection_id: connectionId, ...identifier }, select: { user_id: true } }),
    db.linkedIdentityCredential.findFirst({
      where: { connection_id: connectionId, ...("email" in identifier ? { email_lower: identifier.email } : { username: identifier.username }) },
      select: { id: true },
    }),
  ]);
  return user !== null || linked !== null;
}

/**
 * After inserting a user (same transaction): 409 when a linked identity holds its email or
 * username in the connection. Checked after the insert so that it cannot miss a concurrent link:
 * the link deletes the secondary's row (which holds the email in the unique index) only in the
 * transaction that writes the linked row, so an insert either conflicts on the index, waits for
 * that transaction, or runs after it and sees the linked row.
 */
export async function assertNoLinkedIdentityHolds(tx: DbOrTx, connectionId: string, user: { email: string | null; username: string | null }): Promise<void> {
  const or = [...(user.email ? [{ email_lower: user.email }] : []), ...(user.username ? [{ username: user.username }] : [])];
  if (or.length === 0) return;
  const held = await tx.linkedIdentityCredential.findFirst({ where: { connection_id: connectionId, OR: or }, select: { id: true } });
  if (held) throw conflict("The user already exists.", "auth0_idp_error");
}

/** What a password login checks: the user who signs in, the hash, and the connection signed in with. */
export type PasswordAccount = PasswordCredentials;

/**
 * The account an identifier (email, or username without `@`; folded) names in the connections: a
 * user, else a database identity linked into a user. Both are looked up every time, so an unknown
 * identifier costs what a known one does (lib/db/secrets.ts findPasswordCredentials).
 */
export function findPasswordAccount(db: Db, connectionIds: string[], identifier: string): Promise<PasswordAccount | null> {
  return findPasswordCredentials(db, connectionIds, identifier.includes("@") ? { email: identifier } : { username: identifier });
}

/** After a successful login with a hash that needs it: bcrypt at the configured cost (upgrade-password-hash.ts). */
export async function upgradeAccountHash(db: Db, account: PasswordAccount, currentHash: string, password: string): Promise<boolean> {
  if (account.linkedId === null) return upgradePasswordHash(db, account.user.user_id, currentHash, password);
  if (Buffer.byteLength(password, "utf8") > MAX_PASSWORD_BYTES) return false;
  const hash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const row = await findLinkedCredentialSecrets(tx, { id: account.linkedId! });
    // Compare-and-set: a concurrent password change wins.
    if (!row || row.hash !== currentHash) return false;
    const history = historyOf(row.password_history).map((h) => (h.hash === currentHash ? { ...h, hash } : h));
    const { count } = await tx.linkedIdentityCredential.updateMany({ where: { id: row.id, hash: currentHash }, data: { hash, password_history: toJson(history) } });
    return count > 0;
  });
}

/** A linked identity a password reset can address: its connection's email (or username). */
export type LinkedResetTarget = { user_id: string; email: string | null; name: string | null; nickname: string | null; connection_id: string; linked_identity: string };

export async function findLinkedIdentityForReset(db: DbOrTx, connectionIds: string[], identifier: { email: string } | { username: string }): Promise<LinkedResetTarget | null> {
  const row = await db.linkedIdentityCredential.findFirst({
    where: { connection_id: { in: connectionIds }, ...("email" in identifier ? { email_lower: identifier.email } : { username: identifier.username }) },
    select: { connection_id: true, provider_user_id: true, email_lower: true, user: { select: { user_id: true, name: true, nickname: true } } },
  });
  if (!row) return null;
  return { user_id: row.user.user_id, email: row.email_lower, name: row.user.name, nickname: row.user.nickname, connection_id: row.connection_id, linked_identity: row.provider_user_id };
}

/** The linked identity a password-change ticket of `userId` names, or null if it is gone (unlinked). */
export function findLinkedIdentityOfTicket(db: DbOrTx, userId: string, data: Record<string, unknown>) {
  if (typeof data.linked_identity !== "string" || typeof data.connection_id !== "string") return Promise.resolve(null);
  return db.linkedIdentityCredential.findFirst({
    where: { user_id: userId, connection_id: data.connection_id, provider_user_id: data.linked_identity },
    select: { id: true, email_lower: true, username: true, connection: { select: { id: true, name: true, strategy: true, options: true } } },
  });
}

/** check-password-history.ts for a linked identity: its current hash and its kept history. */
export async function checkLinkedPasswordHistory(db: DbOrTx, linkedId: string, password: string, options: PasswordHistoryOptions): Promise<void> {
  const size = passwordHistorySize(options);
  if (size === 0) return;
  const row = await findLinkedCredentialSecrets(db, { id: linkedId });
  if (!row) return;
  const hashes = [...new Set([...(row.hash ? [row.hash] : []), ...historyOf(row.password_history).map((h) => h.hash)])].slice(0, size);
  const matches = await Promise.all(hashes.map((hash) => verifyPasswordHash(password, hash).then((r) => r.matches, () => false)));
  if (matches.some(Boolean)) throw new AppError("invalid", "PasswordHistoryError: Password has previously been used", "password_history_error");
}

/** store-password-hash.ts for a linked identity, inside the caller's transaction. */
export async function storeLinkedCredentialHash(tx: DbOrTx, linkedId: string, hash: string, options: PasswordHistoryOptions): Promise<void> {
  const size = passwordHistorySize(options);
  const row = await findLinkedCredentialSecrets(tx, { id: linkedId });
  const history = size === 0 ? [] : [{ hash, created_at: new Date().toISOString() }, ...historyOf(row?.password_history)].slice(0, size);
  await tx.linkedIdentityCredential.update({ where: { id: linkedId }, data: { hash, password_history: toJson(history) } });
}
