// Deletes short-lived protocol records some time after they expire, so their tables stay the size
// of the current traffic instead of growing with every login ever made. Run by the job runner when
// idle (lib/jobs/job-runner.ts), on whichever instance gets there; deletes are idempotent.
//
//   - login transactions, MFA transactions, authorization codes and tickets: a day after they
//     expire. Until then an expired one still answers as expired (the hosted pages' "this link has
//     expired", a replayed code's revocation of the tokens issued from it); after, as unknown,
//     which is refused the same way;
//   - rate-limit and brute-force counters whose window has ended: an ended window counts as zero
//     already (lib/security/rate-limit-database.ts).
// Sessions and refresh tokens are not purged here: the dashboard lists a user's sessions, and a
// refresh token's family is kept for reuse detection.
//
// Each table is deleted in chunks of CHUNK rows (short transactions, whatever the backlog), at most
// MAX_CHUNKS a run; a larger backlog goes on at the next run.
import type { Db } from "../db/client.ts";
import { directExecute } from "../db/direct-sql.ts";

export const EXPIRED_RECORD_GRACE_MS = 24 * 3600 * 1000;
const CHUNK = 1_000;
const MAX_CHUNKS = 20;

/** A table, its key, the column past which a row is dead, and how long after that it stays. */
const PURGES = [
  { table: "login_transactions", key: "id", column: "expires_at", graceMs: EXPIRED_RECORD_GRACE_MS },
  { table: "mfa_transactions", key: "id", column: "expires_at", graceMs: EXPIRED_RECORD_GRACE_MS },
  { table: "authorization_codes", key: "code_hash", column: "expires_at", graceMs: EXPIRED_RECORD_GRACE_MS },
  { table: "tickets", key: "id", column: "expires_at", graceMs: EXPIRED_RECORD_GRACE_MS },
  { table: "rate_counters", key: "key", column: "reset_at", graceMs: 0 },
] as const;

/** Deletes expired records; returns how many rows went, by table. */
export async function purgeExpiredRecords(db: Db, now = new Date()): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const { table, key, column, graceMs } of PURGES) {
    const before = new Date(now.getTime() - graceMs);
    // One chunk a statement (both databases take LIMIT in the subquery); the outer condition again,
    // so a row renewed meanwhile (a rate-limit window restarted) stays.
    const sql = `DELETE FROM "${table}" WHERE "${key}" IN (SELECT "${key}" FROM "${table}" WHERE "${column}" < ? LIMIT ${CHUNK}) AND "${column}" < ?`;
    let total = 0;
    for (let i = 0; i < MAX_CHUNKS; i++) {
      const count = await directExecute(db, sql, [before, before]);
      total += count;
      if (count < CHUNK) break;
    }
    deleted[table] = total;
  }
  return deleted;
}
