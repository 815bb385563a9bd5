// The named read paths for secrets (STYLE.md point 6). The Prisma client omits secret columns from
// every query by default (lib/db/client.ts); only these functions ask for them, and only the
// verifiers call these functions.
import type { DbOrTx } from "./client.ts";

export function findClientWithSecretHash(db: DbOrTx, clientId: string) {
  return db.client.findUnique({
    where: { client_id: clientId },
    omit: { client_secret_hash: false },
  });
}

/** The encrypted secret, for the callers Auth0 shows it to (`read:client_keys`) and HS256 signing. */
export function findClientWithEncryptedSecret(db: DbOrTx, clientId: string) {
  return db.client.findUnique({
    where: { client_id: clientId },
    omit: { client_secret_encrypted: false },
  });
}

export function findResourceServerWithSigningSecret(db: DbOrTx, identifier: string) {
  return db.resourceServer.findUnique({
    where: { identifier },
    omit: { signing_secret_encrypted: false },
  });
}

export function findUserWithPasswordHash(db: DbOrTx, userId: string) {
  return db.user.findUnique({ where: { user_id: userId }, include: { password: { select: { hash: true } } } });
}

/**
 * The linked database identity (lib/services/users/linked-identity-credentials.ts) an identifier
 * names in one of the connections, with its password hash: the password verifier's read path.
 */
export function findLinkedCredentialWithHash(db: DbOrTx, where: { connectionIds: string[]; email?: string; username?: string }) {
  return db.linkedIdentityCredential.findFirst({
    where: { connection_id: { in: where.connectionIds }, ...(where.email !== undefined ? { email_lower: where.email } : { username: where.username }) },
    omit: { hash: false },
    include: { user: true },
  });
}

/** A linked database identity with its hash and password history (link, unlink, reset move them). */
export function findLinkedCredentialSecrets(db: DbOrTx, key: { id: string } | { connectionId: string; providerUserId: string }) {
  return db.linkedIdentityCredential.findUnique({
    where: "id" in key ? { id: key.id } : { connection_id_provider_user_id: { connection_id: key.connectionId, provider_user_id: key.providerUserId } },
    omit: { hash: false, password_history: false },
  });
}

/** The newest `limit` hashes of a user's password history (for the connection's password_history rule). */
export function findPasswordHistoryHashes(db: DbOrTx, userId: string, limit: number) {
  return db.passwordHistory.findMany({
    where: { user_id: userId },
    orderBy: [{ created_at: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, hash: true },
  });
}

/** Encrypted client secrets of the given clients (for presenting them to read:client_keys holders). */
export async function findEncryptedClientSecrets(db: DbOrTx, clientIds: string[]): Promise<Map<string, string>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db.client.findMany({
    where: { client_id: { in: clientIds } },
    select: { client_id: true, client_secret_encrypted: true },
  });
  return new Map(rows.filter((r) => r.client_secret_encrypted).map((r) => [r.client_id, r.client_secret_encrypted!]));
}
