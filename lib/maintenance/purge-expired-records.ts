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

export const EXPIRED_RECORD_GRACE_MS = 24 * 3600 * 1000;
const CHUNK = 1_000;
const MAX_CHUNKS = 20;

type Purge = { table: string; run(db: Db, now: Date): Promise<number> };

/** Deletes up to CHUNK ids that `find` returns; repeated while chunks come back full. */
async function inChunks(find: () => Promise<string[]>, remove: (ids: string[]) => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const ids = await find();
    if (ids.length === 0) break;
    total += await remove(ids);
    if (ids.length < CHUNK) break;
  }
  return total;
}

const PURGES: Purge[] = [
  {
    table: "login_transactions",
    run: (db, now) =>
      inChunks(
        async () => (await db.loginTransaction.findMany({ where: { expires_at: { lt: new Date(now.getTime() - EXPIRED_RECORD_GRACE_MS) } }, select: { id: true }, take: CHUNK })).map((r) => r.id),
        async (ids) => (await db.loginTransaction.deleteMany({ where: { id: { in: ids } } })).count,
      ),
  },
  {
    table: "mfa_transactions",
    run: (db, now) =>
      inChunks(
        async () => (await db.mfaTransaction.findMany({ where: { expires_at: { lt: new Date(now.getTime() - EXPIRED_RECORD_GRACE_MS) } }, select: { id: true }, take: CHUNK })).map((r) => r.id),
        async (ids) => (await db.mfaTransaction.deleteMany({ where: { id: { in: ids } } })).count,
      ),
  },
  {
    table: "authorization_codes",
    run: (db, now) =>
      inChunks(
        async () =>
          (await db.authorizationCode.findMany({ where: { expires_at: { lt: new Date(now.getTime() - EXPIRED_RECORD_GRACE_MS) } }, select: { code_hash: true }, take: CHUNK })).map((r) => r.code_hash),
        async (ids) => (await db.authorizationCode.deleteMany({ where: { code_hash: { in: ids } } })).count,
      ),
  },
  {
    table: "tickets",
    run: (db, now) =>
      inChunks(
        async () => (await db.ticket.findMany({ where: { expires_at: { lt: new Date(now.getTime() - EXPIRED_RECORD_GRACE_MS) } }, select: { id: true }, take: CHUNK })).map((r) => r.id),
        async (ids) => (await db.ticket.deleteMany({ where: { id: { in: ids } } })).count,
      ),
  },
  {
    table: "rate_counters",
    run: (db, now) =>
      inChunks(
        async () => (await db.rateCounter.findMany({ where: { reset_at: { lt: now } }, select: { key: true }, take: CHUNK })).map((r) => r.key),
        // Only if still ended: a counter restarted meanwhile (a new window) stays.
        async (keys) => (await db.rateCounter.deleteMany({ where: { key: { in: keys }, reset_at: { lt: now } } })).count,
      ),
  },
];

/** Deletes expired records; returns how many rows went, by table. */
export async function purgeExpiredRecords(db: Db, now = new Date()): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const purge of PURGES) deleted[purge.table] = await purge.run(db, now);
  return deleted;
}
