// The named read paths for secrets (STYLE.md point 6). The Prisma client omits secret columns from
// every query by default (lib/db/client.ts); only these functions ask for them, and only the
// verifiers call these functions.
import type { DbOrTx } from "./client.ts";
import { directQuery, toBool, toDate } from "./direct-sql.ts";

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

/** The user columns a password login reads: the ID token's claims, the block flag. */
export type PasswordLoginUser = {
  user_id: string;
  connection_id: string;
  email: string | null;
  email_verified: boolean;
  username: string | null;
  phone_number: string | null;
  phone_verified: boolean;
  name: string | null;
  nickname: string | null;
  given_name: string | null;
  family_name: string | null;
  picture: string | null;
  locale: string | null;
  blocked: boolean;
  created_at: Date;
  updated_at: Date;
};

/** What an identifier names in the connections, with the password hash to check. */
export type PasswordCredentials = {
  /** The user who signs in: for a linked identity, the primary user it is linked into. */
  user: PasswordLoginUser;
  hash: string | null;
  /** The connection of the user's own identity, or of the linked identity. */
  connectionId: string;
  /** The linked identity's row (linked_identity_credentials.id), when the identifier names one. */
  linkedId: string | null;
  /** The identity's own email. */
  email: string | null;
};

const LOGIN_USER_COLUMNS = [
  "user_id", "connection_id", "email", "email_verified", "username", "phone_number", "phone_verified", "name", "nickname",
  "given_name", "family_name", "picture", "locale", "blocked", "created_at", "updated_at",
] as const satisfies readonly (keyof PasswordLoginUser)[];

/**
 * The password verifier's read path: a user of one of the connections with the email (or
 * username), else a database identity linked into a user (lib/services/users/
 * linked-identity-credentials.ts), with its hash. One statement that searches both every time, so
 * an unknown identifier costs what a known one does; direct SQL on the login hot path
 * (./direct-sql.ts), not Prisma.
 */
export async function findPasswordCredentials(db: DbOrTx, connectionIds: string[], where: { email: string } | { username: string }): Promise<PasswordCredentials | null> {
  if (connectionIds.length === 0) return null;
  const [userColumn, linkedColumn, value] = "email" in where ? ["email", "email_lower", where.email] : ["username", "username", where.username];
  const ids = connectionIds.map(() => "?").join(", ");
  const columns = LOGIN_USER_COLUMNS.map((c) => `u."${c}"`).join(", ");
  const rows = await directQuery(
    db,
    `SELECT 0 AS "source", ${columns}, p."hash" AS "hash", u."connection_id" AS "account_connection_id", NULL AS "linked_id", u."email" AS "account_email"
       FROM "users" u LEFT JOIN "user_passwords" p ON p."user_id" = u."user_id"
       WHERE u."connection_id" IN (${ids}) AND u."${userColumn}" = ?
     UNION ALL
     SELECT 1 AS "source", ${columns}, l."hash" AS "hash", l."connection_id" AS "account_connection_id", l."id" AS "linked_id", l."email_lower" AS "account_email"
       FROM "linked_identity_credentials" l JOIN "users" u ON u."user_id" = l."user_id"
       WHERE l."connection_id" IN (${ids}) AND l."${linkedColumn}" = ?
     ORDER BY "source" LIMIT 1`,
    [...connectionIds, value, ...connectionIds, value],
  );
  const row = rows[0];
  if (!row) return null;
  const text = (column: string) => (row[column] ?? null) as string | null;
  return {
    user: {
      user_id: row.user_id as string,
      connection_id: row.connection_id as string,
      email: text("email"),
      email_verified: toBool(row.email_verified),
      username: text("username"),
      phone_number: text("phone_number"),
      phone_verified: toBool(row.phone_verified),
      name: text("name"),
      nickname: text("nickname"),
      given_name: text("given_name"),
      family_name: text("family_name"),
      picture: text("picture"),
      locale: text("locale"),
      blocked: toBool(row.blocked),
      created_at: toDate(row.created_at)!,
      updated_at: toDate(row.updated_at)!,
    },
    hash: text("hash"),
    connectionId: row.account_connection_id as string,
    linkedId: text("linked_id"),
    email: text("account_email"),
  };
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

/**
 * A user's authenticators of one type with their secrets (the encrypted TOTP key, the recovery
 * code's hash): for the MFA verifier only (lib/services/mfa/verify-mfa-code.ts).
 */
export function findAuthenticatorsWithSecrets(db: DbOrTx, userId: string, type: "otp" | "recovery-code") {
  return db.authenticator.findMany({
    where: { user_id: userId, type },
    omit: { secret_encrypted: false, secret_hash: false },
    orderBy: { created_at: "asc" },
  });
}

/** The encrypted recovery code an MFA step made, for the hosted MFA page to show until the login completes. */
export async function findMfaRecoveryCode(db: DbOrTx, mfaTransactionId: string): Promise<string | null> {
  const row = await db.mfaTransaction.findUnique({ where: { id: mfaTransactionId }, select: { recovery_code_encrypted: true } });
  return row?.recovery_code_encrypted ?? null;
}
