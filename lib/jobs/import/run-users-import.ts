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
import { inJobTransaction } from "../job-sql.ts";
import { EmailSet } from "./email-set.ts";
import { ImportFileError, readImportRecords } from "./read-import-records.ts";
import { importRecordEmail, maskRecord, validateImportRecord, type ImportedUser } from "./validate-import-record.ts";
import { writeImportBatch, type ImportBatch, type RecordFailure } from "./write-import-batch.ts";

export type UsersImportParams = { upsert: boolean; external_id?: string; send_completion_email: boolean };

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

  // Batches are written one after another (each sees the previous one committed), while the
  // next batch is read and validated: on PostgreSQL the database works while this process parses.
  let inFlight: Promise<unknown> | undefined;
  const write = async (batch: ImportBatch) => {
    // A user created through the API between the batch's lookups and its inserts collides on a
    // unique key: the batch rolls back and runs again, and the record is then a duplicate.
    for (let attempt = 1; ; attempt++) {
      try {
        return await inJobTransaction(db, () => writeImportBatch(batch));
      } catch (error) {
        if (!isUniqueViolation(error) && !/unique|duplicate key/i.test(String((error as Error)?.message))) throw error;
        if (attempt >= 3) throw error;
      }
    }
  };
  const flush = async (records: number, bytes: number) => {
    const batch: ImportBatch = { jobId: job.id, owner: context.owner, connectionId: connection.id, upsert: params.upsert, users, failures, checkpoint: { records, bytes } };
    users = [];
    failures = [];
    if (inFlight) await inFlight;
    inFlight = write(batch);
    // Awaited before the next batch and at the end; not an unhandled rejection meanwhile.
    inFlight.catch(() => {});
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
    await inFlight;
  } catch (error) {
    await inFlight?.catch(() => {});
    if (error instanceof ImportFileError) return { status: "failed", statusDetails: error.message };
    throw error;
  }
  return { status: "completed" };
}

