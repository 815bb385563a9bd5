// Runs a users_import job (auth0-management-api.md §5): streams the uploaded file, validates each
// record, and writes batches (write-import-batch.ts), each in one transaction with the checkpoint.
//
// Resuming: the file is read again from the start; records before the checkpoint are only
// re-validated to rebuild the set of emails seen so far (so a duplicate later in the file is
// still reported), never written again. A malformed record is an error entry and never stops
// the job; only a file whose structure is broken (or a missing connection) fails it.
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { connectionRules } from "../../services/users/create-database-user.ts";
import type { ClaimedJob } from "../job-leases.ts";
import { jobFilePath } from "../job-files.ts";
import { dialectOf, inJobTransaction } from "../job-sql.ts";
import { EmailSet } from "./email-set.ts";
import { ImportFileError, readImportRecords } from "./read-import-records.ts";
import { importRecordEmail, maskRecord, validateImportRecord, type ImportedUser } from "./validate-import-record.ts";
import { BatchOutOfOrderError, writeImportBatch, type ImportBatch, type RecordFailure } from "./write-import-batch.ts";

export type UsersImportParams = { upsert: boolean; external_id?: string; send_completion_email: boolean };

/** Worth writing the batch again once its predecessor has finished. */
function retryable(error: unknown): boolean {
  if (error instanceof BatchOutOfOrderError || isUniqueViolation(error)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  // PostgreSQL: unique_violation, deadlock_detected, serialization_failure.
  return code === "23505" || code === "40P01" || code === "40001" || /unique|duplicate key|deadlock/i.test(String((error as Error)?.message));
}

export type ImportOutcome = { status: "completed" } | { status: "failed"; statusDetails: string };

export async function runUsersImport(db: Db, job: ClaimedJob, context: { owner: string; batchSize: number }): Promise<ImportOutcome> {
  const params = job.params as UsersImportParams;
  const connection = job.connection_id ? await db.connection.findUnique({ where: { id: job.connection_id } }) : null;
  if (!connection) return { status: "failed", statusDetails: "The connection does not exist." };
  if (!job.file_name) return { status: "failed", statusDetails: "The job has no users file." };
  const rules = connectionRules(connection);

  const resumeAt = job.checkpoint_records;
  const seenEmails = new EmailSet();
  let users: ImportedUser[] = [];
  let failures: RecordFailure[] = [];

  // While batches are written, the next is read and validated: the database works while this
  // process parses. On PostgreSQL two batches are written at once, on two connections (each
  // statement of a batch runs on one core of the database, so one connection leaves the other core
  // idle); they commit in file order (the checkpoint condition in write-import-batch.ts), and a
  // batch that collided with its predecessor (a username both insert, a deadlock) is written
  // again once the predecessor has finished. SQLite writes one at a time (a single writer).
  const maxInFlight = dialectOf(db) === "postgres" ? 2 : 1;
  const inFlight: Promise<unknown>[] = [];
  /** Settles (never rejects) when the latest batch has been written or has failed. */
  let previous: Promise<unknown> = Promise.resolve();
  let checkpoint = resumeAt;
  const write = async (batch: ImportBatch, predecessor: Promise<unknown>) => {
    // A user created through the API between the batch's lookups and its inserts collides on a
    // unique key: the batch rolls back and runs again, and the record is then a duplicate.
    for (let attempt = 1; ; attempt++) {
      try {
        return await inJobTransaction(db, () => writeImportBatch(batch));
      } catch (error) {
        if (!retryable(error) || attempt >= 4) throw error;
        await predecessor;
      }
    }
  };
  const flush = async (records: number, bytes: number) => {
    const batch: ImportBatch = { jobId: job.id, owner: context.owner, connectionId: connection.id, upsert: params.upsert, users, failures, after: checkpoint, checkpoint: { records, bytes } };
    checkpoint = records;
    users = [];
    failures = [];
    while (inFlight.length >= maxInFlight) await inFlight.shift();
    const written = write(batch, previous);
    previous = written.catch(() => {});
    // Awaited in turn and at the end; not an unhandled rejection meanwhile.
    written.catch(() => {});
    inFlight.push(written);
  };

  try {
    let pending = 0;
    let lastRecord: { index: number; end: number } | undefined;
    for await (const record of readImportRecords(jobFilePath(job.file_name))) {
      const replay = record.index < resumeAt;
      if (record.parseError !== undefined) {
        if (!replay) failures.push({ index: record.index, errors: [{ code: "INVALID_JSON", message: `The record is not valid JSON: ${record.parseError}`, path: "" }], record: record.text });
      } else if (replay) {
        const email = importRecordEmail(record.value);
        if (email !== undefined) seenEmails.addAndCheck(email);
      } else {
        const result = validateImportRecord(record.index, record.value, rules);
        const email = result.ok ? result.user.email : result.email;
        const duplicate = email !== undefined && seenEmails.addAndCheck(email);
        if (!result.ok) failures.push({ index: record.index, errors: result.errors, record: maskRecord(record.value) });
        else if (duplicate) failures.push({ index: record.index, errors: [{ code: "DUPLICATED_USER", message: `Duplicate email in the file: ${email}`, path: "email" }], record: result.user.masked });
        else users.push(result.user);
      }
      if (replay) continue;
      pending++;
      if (pending >= context.batchSize) {
        await flush(record.index + 1, record.end);
        pending = 0;
      }
      lastRecord = record;
    }
    if (pending > 0 && lastRecord) await flush(lastRecord.index + 1, lastRecord.end);
    while (inFlight.length > 0) await inFlight.shift();
  } catch (error) {
    await Promise.allSettled(inFlight);
    if (error instanceof ImportFileError) return { status: "failed", statusDetails: error.message };
    throw error;
  }
  return { status: "completed" };
}

