// Writes one batch of an import in ONE transaction together with the job's checkpoint, so a batch
// is either entirely written and accounted for, or not at all: a runner killed at any instant
// resumes after the last committed batch, without losing or duplicating a record.
//
// New users get exactly what POST /users gives a database user (create-database-user.ts): the
// users row with its search columns (user-search-columns.ts), the auth0 identity, the password
// hash, and the metadata leaves (metadata-index.ts), so imported users are found by search like
// any other. Records matching an existing user of the connection by email fail with
// DUPLICATED_USER, or with upsert update the upsertable attributes (§5.5: metadata replaced, not
// merged; custom_password_hash only while the user has never logged in). Inserts are bulk
// statements (jobs/job-sql.ts); the batch ends by advancing the checkpoint, which succeeds only
// while this runner still holds the job's lease.
import { randomBytes } from "node:crypto";
import { newSortableInternalId } from "../../crypto/ids.ts";
import { defaultPictureUrl } from "../../services/users/default-picture.ts";
import { flattenMetadata, type MetadataSource } from "../../services/users/metadata-index.ts";
import { newSearchKey, searchColumnsFor } from "../../services/users/user-search-columns.ts";
import { LeaseLostError } from "../job-leases.ts";
import { all, insertRows, run, toNumber, type ColumnType, type SqlWork } from "../job-sql.ts";
import type { ImportedUser, RecordError } from "./validate-import-record.ts";

export type RecordFailure = { index: number; errors: RecordError[]; record: unknown };

export type ImportBatch = {
  jobId: string;
  owner: string;
  connectionId: string;
  upsert: boolean;
  users: ImportedUser[];
  failures: RecordFailure[];
  /** The job's checkpoint (records) this batch continues from: the previous batch's end. */
  after: number;
  /** After this batch: records processed and file bytes consumed. */
  checkpoint: { records: number; bytes: number };
};

/**
 * The batch before this one has not committed (yet): on PostgreSQL two batches of a job are
 * written at once (run-users-import.ts), and each commits only after its predecessor. Retryable.
 */
export class BatchOutOfOrderError extends Error {
  override name = "BatchOutOfOrderError";
}

export type BatchCounts = { inserted: number; updated: number; failed: number };

const USER_COLUMNS = [
  ["user_id", "text"], ["connection_id", "text"], ["email", "text"], ["email_verified", "bool"], ["username", "text"],
  ["phone_number", "text"], ["phone_verified", "bool"], ["name", "text"], ["nickname", "text"], ["given_name", "text"],
  ["family_name", "text"], ["picture", "text"], ["user_metadata", "jsonb"], ["app_metadata", "jsonb"], ["blocked", "bool"],
  ["multifactor", "jsonb"], ["created_at", "timestamp"], ["updated_at", "timestamp"], ["email_lower", "text"],
  ["email_domain", "text"], ["name_lower", "text"], ["given_name_lower", "text"], ["family_name_lower", "text"],
  ["nickname_lower", "text"], ["search_key", "bigint"],
] as const satisfies readonly (readonly [string, ColumnType])[];
const IDENTITY_COLUMNS = [
  ["id", "text"], ["user_id", "text"], ["connection_id", "text"], ["provider", "text"], ["provider_user_id", "text"], ["is_social", "bool"], ["created_at", "timestamp"],
] as const satisfies readonly (readonly [string, ColumnType])[];
const PASSWORD_COLUMNS = [["user_id", "text"], ["hash", "text"], ["created_at", "timestamp"], ["updated_at", "timestamp"]] as const satisfies readonly (readonly [string, ColumnType])[];
const METADATA_COLUMNS = [
  ["user_id", "text"], ["source", "text"], ["path", "text"], ["position", "int"], ["value_text", "text"], ["value_number", "float8"], ["value_bool", "bool"],
] as const satisfies readonly (readonly [string, ColumnType])[];
const ERROR_COLUMNS = [
  ["job_id", "text"], ["record_index", "int"], ["position", "int"], ["code", "text"], ["message", "text"], ["path", "text"], ["record", "jsonb"],
] as const satisfies readonly (readonly [string, ColumnType])[];

/**
 * ObjectId-like ids (24 hex, as Auth0's database user ids: §12) made as MongoDB makes them: 4 bytes
 * of seconds, 5 random bytes per process, a 3-byte counter. Ids of one import increase, so the
 * rows of a batch land next to each other in every index keyed by user_id.
 */
const processRandom = randomBytes(5).toString("hex");
let counter = randomBytes(3).readUIntBE(0, 3);
function nextObjectId(): string {
  counter = (counter + 1) % 0x1000000;
  return `${Math.floor(Date.now() / 1000).toString(16).padStart(8, "0")}${processRandom}${counter.toString(16).padStart(6, "0")}`;
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

function metadataRows(userId: string, source: MetadataSource, metadata: unknown): unknown[][] {
  return flattenMetadata(metadata).map((leaf) => [userId, source, leaf.path, leaf.position, leaf.value_text, leaf.value_number, leaf.value_bool]);
}

export function* writeImportBatch(batch: ImportBatch): SqlWork<BatchCounts> {
  const now = new Date();
  const failures: RecordFailure[] = [...batch.failures];
  const fail = (user: ImportedUser, code: string, message: string, path: string) => failures.push({ index: user.index, errors: [{ code, message, path }], record: user.masked });

  // Existing users of the connection with these emails.
  const existing = new Map<string, { user_id: string; logins_count: number }>();
  if (batch.users.length > 0) {
    const emails = [...new Set(batch.users.map((u) => u.email))];
    const rows = (yield all(`SELECT user_id, email, logins_count FROM users WHERE connection_id = ? AND email IN (${placeholders(emails.length)})`, [batch.connectionId, ...emails])) as { user_id: string; email: string; logins_count: unknown }[];
    for (const row of rows) existing.set(row.email, { user_id: row.user_id, logins_count: toNumber(row.logins_count) });
  }

  // Emails and usernames held by database identities linked into another user are taken too
  // (linked-identity-credentials.ts): such an identity signs in with them.
  const heldEmails = new Set<string>();
  const heldUsernames = new Set<string>();
  if (batch.users.length > 0) {
    const emails = [...new Set(batch.users.map((u) => u.email))];
    const rows = (yield all(`SELECT email_lower FROM linked_identity_credentials WHERE connection_id = ? AND email_lower IN (${placeholders(emails.length)})`, [batch.connectionId, ...emails])) as { email_lower: string }[];
    for (const row of rows) heldEmails.add(row.email_lower);
    const names = [...new Set(batch.users.flatMap((u) => (u.username ? [u.username] : [])))];
    if (names.length > 0) {
      const held = (yield all(`SELECT username FROM linked_identity_credentials WHERE connection_id = ? AND username IN (${placeholders(names.length)})`, [batch.connectionId, ...names])) as { username: string }[];
      for (const row of held) heldUsernames.add(row.username);
    }
  }

  const creates: ImportedUser[] = [];
  const updates: { user: ImportedUser; userId: string; loginsCount: number }[] = [];
  for (const user of batch.users) {
    const match = existing.get(user.email);
    if (!match && heldEmails.has(user.email)) fail(user, "DUPLICATED_USER", `The email ${user.email} belongs to an identity linked to another user`, "email");
    else if (!match) creates.push(user);
    else if (batch.upsert) updates.push({ user, userId: match.user_id, loginsCount: match.logins_count });
    else fail(user, "DUPLICATED_USER", `The user already exists: ${user.email}`, "email");
  }

  // Ids and usernames of new users must be free (in the database and within the batch).
  const givenIds = creates.flatMap((u) => (u.providerUserId ? [u.providerUserId] : []));
  const takenIds = new Set<string>();
  if (givenIds.length > 0) {
    const byUserId = (yield all(`SELECT user_id FROM users WHERE user_id IN (${placeholders(givenIds.length)})`, givenIds.map((id) => `auth0|${id}`))) as { user_id: string }[];
    for (const row of byUserId) takenIds.add(row.user_id.slice("auth0|".length));
    const byIdentity = (yield all(
      `SELECT provider_user_id FROM user_identities WHERE provider = 'auth0' AND connection_id = ? AND provider_user_id IN (${placeholders(givenIds.length)})`,
      [batch.connectionId, ...givenIds],
    )) as { provider_user_id: string }[];
    for (const row of byIdentity) takenIds.add(row.provider_user_id);
  }
  const usernames = creates.flatMap((u) => (u.username ? [u.username] : []));
  const takenUsernames = new Set<string>();
  if (usernames.length > 0) {
    const rows = (yield all(`SELECT username FROM users WHERE connection_id = ? AND username IN (${placeholders(usernames.length)})`, [batch.connectionId, ...usernames])) as { username: string }[];
    for (const row of rows) takenUsernames.add(row.username);
  }

  const userRows: unknown[][] = [];
  const identityRows: unknown[][] = [];
  const passwordRows: unknown[][] = [];
  const metadataValueRows: unknown[][] = [];
  for (const user of creates) {
    if (user.providerUserId && takenIds.has(user.providerUserId)) {
      fail(user, "CONFLICT", `A user with user_id auth0|${user.providerUserId} already exists`, "user_id");
      continue;
    }
    if (user.username && (takenUsernames.has(user.username) || heldUsernames.has(user.username))) {
      fail(user, "CONFLICT_USERNAME", `A user with username ${user.username} already exists in this connection`, "username");
      continue;
    }
    const providerUserId = user.providerUserId ?? nextObjectId();
    takenIds.add(providerUserId);
    if (user.username) takenUsernames.add(user.username);
    const userId = `auth0|${providerUserId}`;
    const name = user.name ?? user.email;
    const nickname = user.nickname ?? user.email.split("@")[0]!;
    const search = searchColumnsFor({ email: user.email, name, given_name: user.given_name ?? null, family_name: user.family_name ?? null, nickname });
    const picture = user.picture ?? defaultPictureUrl({ email: user.email, username: user.username, name: user.name, nickname: user.nickname, given_name: user.given_name, family_name: user.family_name });
    userRows.push([
      userId, batch.connectionId, user.email, user.email_verified ?? false, user.username, user.phone_number ?? null,
      user.phone_number ? (user.phone_verified ?? false) : false, name, nickname, user.given_name ?? null, user.family_name ?? null, picture,
      JSON.stringify(user.user_metadata ?? {}), JSON.stringify(user.app_metadata ?? {}), user.blocked ?? false, "[]", now, now,
      search.email_lower, search.email_domain, search.name_lower, search.given_name_lower, search.family_name_lower, search.nickname_lower, null,
    ]);
    identityRows.push([newSortableInternalId(), userId, batch.connectionId, "auth0", providerUserId, false, now]);
    if (user.passwordHash) passwordRows.push([userId, user.passwordHash, now, now]);
    if (user.user_metadata) metadataValueRows.push(...metadataRows(userId, "user", user.user_metadata));
    if (user.app_metadata) metadataValueRows.push(...metadataRows(userId, "app", user.app_metadata));
  }
  const inserted = userRows.length;
  if (inserted > 0) {
    // Rows go in ascending user_id order (ids given in the file may come in any order), and search
    // keys (which increase with time) are handed out in that order: B-trees keyed by user_id or
    // search_key then grow at their right edge, and SQLite's trigram index (FTS5, keyed by
    // search_key) keeps its pending terms in memory instead of flushing them at every row whose
    // id is lower than the previous one's. Identity ids increase too (newSortableInternalId).
    const keyColumn = USER_COLUMNS.length - 1;
    userRows.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
    for (const row of userRows) row[keyColumn] = newSearchKey();
    yield insertRows("users", USER_COLUMNS, userRows);
    yield insertRows("user_identities", IDENTITY_COLUMNS, identityRows);
    if (passwordRows.length) yield insertRows("user_passwords", PASSWORD_COLUMNS, passwordRows);
    if (metadataValueRows.length) yield insertRows("user_metadata_values", METADATA_COLUMNS, metadataValueRows);
  }

  for (const { user, userId, loginsCount } of updates) {
    const set: [string, unknown][] = [];
    for (const key of ["email_verified", "given_name", "family_name", "name", "nickname", "picture"] as const)
      if (user[key] !== undefined) set.push([key, user[key]]);
    const search = searchColumnsFor({ given_name: user.given_name, family_name: user.family_name, name: user.name, nickname: user.nickname });
    for (const [key, value] of Object.entries(search)) if (value !== undefined && key !== "email_lower" && key !== "email_domain") set.push([key, value]);
    if (user.user_metadata) set.push(["user_metadata", JSON.stringify(user.user_metadata)]);
    if (user.app_metadata) set.push(["app_metadata", JSON.stringify(user.app_metadata)]);
    set.push(["updated_at", now]);
    yield run(`UPDATE users SET ${set.map(([key]) => `"${key}" = ?`).join(", ")} WHERE user_id = ?`, [...set.map(([, value]) => value), userId]);
    const leaves: unknown[][] = [];
    for (const source of ["user", "app"] as const) {
      const metadata = source === "user" ? user.user_metadata : user.app_metadata;
      if (!metadata) continue;
      yield run("DELETE FROM user_metadata_values WHERE user_id = ? AND source = ?", [userId, source]);
      leaves.push(...metadataRows(userId, source, metadata));
    }
    if (leaves.length) yield insertRows("user_metadata_values", METADATA_COLUMNS, leaves);
    // A custom hash replaces the stored one only while the user has never logged in (§5.5);
    // password_hash is taken on the first import only.
    if (user.customHash && user.passwordHash && loginsCount === 0) {
      const changed = (yield run("UPDATE user_passwords SET hash = ?, updated_at = ? WHERE user_id = ?", [user.passwordHash, now, userId])) as number;
      if (changed === 0) yield insertRows("user_passwords", PASSWORD_COLUMNS, [[userId, user.passwordHash, now, now]]);
    }
  }

  if (failures.length > 0) {
    const errorRows: unknown[][] = [];
    for (const failure of failures)
      failure.errors.forEach((error, position) =>
        errorRows.push([batch.jobId, failure.index, position, error.code, error.message.slice(0, 2000), error.path || null, JSON.stringify(failure.record ?? null)]),
      );
    yield insertRows("job_errors", ERROR_COLUMNS, errorRows);
  }

  // The checkpoint moves from exactly where this batch starts: the batches of a job commit in file
  // order. On PostgreSQL a batch written alongside its predecessor waits here for the job row's
  // lock until the predecessor commits (then the condition holds) or rolls back (then it does not,
  // and this batch rolls back too, to be written again after it).
  const counts = { inserted, updated: updates.length, failed: failures.length };
  const advanced = (yield run(
    `UPDATE jobs SET inserted = inserted + ?, updated = updated + ?, failed = failed + ?, total = ?, checkpoint_records = ?, checkpoint_bytes = ?, lease_expires_at = lease_expires_at
     WHERE id = ? AND lease_owner = ? AND status = 'processing' AND checkpoint_records = ?`,
    [counts.inserted, counts.updated, counts.failed, batch.checkpoint.records, batch.checkpoint.records, batch.checkpoint.bytes, batch.jobId, batch.owner, batch.after],
  )) as number;
  if (advanced !== 1) {
    const [job] = (yield all("SELECT lease_owner, status FROM jobs WHERE id = ?", [batch.jobId])) as { lease_owner: string | null; status: string }[];
    if (job?.lease_owner === batch.owner && job.status === "processing") throw new BatchOutOfOrderError(`job ${batch.jobId}: the previous batch has not committed; the batch is rolled back`);
    throw new LeaseLostError(`job ${batch.jobId}: the lease was lost; the batch is rolled back`);
  }
  return counts;
}
