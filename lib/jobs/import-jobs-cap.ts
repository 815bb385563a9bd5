// At most 2 import jobs per tenant at a time (auth0-management-api.md §5.1): a third
// POST /api/v2/jobs/users-imports while two are pending or processing is answered as Auth0 does,
// 429 "There are 2 active import users jobs, please wait until some of them are finished and try
// again" (Auth0's documented message; the errorCode is the one its 429s carry, §8.3). Retry-After
// says when to look again; the SDKs (v4, v5+) retry a 429 by themselves after it.
//
// Checked twice:
//   - before the upload is read (assertImportSlotFree), so a client is not made to send a large
//     file only to have it refused, and nothing is written to the jobs folder;
//   - when the job is inserted (insertImportJobWithinCap), in one transaction with the count,
//     serialized across instances (lockForImportJobs: an advisory lock on PostgreSQL; SQLite
//     transactions are serialized anyway), so two uploads finishing together cannot both take the
//     last slot. The caller removes the uploaded file when this refuses.
import type { Db, DbOrTx, Prisma } from "../db/client.ts";
import { lockForImportJobs } from "../db/locks.ts";
import { ManagementApiError } from "../management/errors.ts";

export const MAX_CONCURRENT_IMPORTS = 2;
/** Seconds a refused client is told to wait: about what a 100,000-user import takes. */
const RETRY_AFTER_SECONDS = 10;

const ACTIVE = { type: "users_import", status: { in: ["pending", "processing"] } };

export const tooManyImportJobs = () =>
  new ManagementApiError(
    429,
    `There are ${MAX_CONCURRENT_IMPORTS} active import users jobs, please wait until some of them are finished and try again`,
    "too_many_requests",
    { "retry-after": String(RETRY_AFTER_SECONDS) },
  );

export function countActiveImportJobs(db: DbOrTx): Promise<number> {
  return db.job.count({ where: ACTIVE });
}

/** Throws the 429 when the tenant already has MAX_CONCURRENT_IMPORTS active imports. */
export async function assertImportSlotFree(db: DbOrTx): Promise<void> {
  if ((await countActiveImportJobs(db)) >= MAX_CONCURRENT_IMPORTS) throw tooManyImportJobs();
}

/** Inserts the pending users_import job unless the cap is reached (then throws the 429). */
export async function insertImportJobWithinCap(db: Db, data: Omit<Prisma.JobUncheckedCreateInput, "type" | "status">) {
  return db.$transaction(async (tx) => {
    await lockForImportJobs(tx);
    await assertImportSlotFree(tx);
    return tx.job.create({ data: { ...data, type: "users_import", status: "pending" } });
  });
}
