// POST /api/v2/jobs/users-imports (auth0-management-api.md §3.13, §5.1): stores the uploaded file
// under <data dir>/jobs/ and a pending users_import job; the job runner (lib/jobs) does the rest.
// The connection must be a Gatehouse database connection, and not the operators' one (operators
// are managed in the dashboard: assert-user-manageable.ts). At most 2 imports are active at a
// time (lib/jobs/import-jobs-cap.ts): checked before the upload is read and again, race-free, when
// the job is inserted; a refused upload's file is removed.
import type { Db } from "../../db/client.ts";
import { newJobId } from "../../crypto/ids.ts";
import { assertImportSlotFree, insertImportJobWithinCap } from "../../jobs/import-jobs-cap.ts";
import { jobFilePath, removeJobFile } from "../../jobs/job-files.ts";
import type { UsersImportParams } from "../../jobs/import/run-users-import.ts";
import { receiveImportUpload } from "../../jobs/receive-import-upload.ts";
import { invalidBody } from "../../management/errors.ts";
import { connectionIdSchema } from "../../schemas/jobs.ts";
import { operatorAccountRefused } from "../users/assert-user-manageable.ts";
import { presentJob } from "./present-job.ts";

function booleanPart(fields: Record<string, string>, name: string, fallback: boolean): boolean {
  const value = fields[name];
  if (value === undefined || value === "") return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw invalidBody(`Payload validation error: 'Expected type boolean but found type string' on property ${name}.`);
}

export async function createUsersImportJob(db: Db, request: Request): Promise<Record<string, unknown>> {
  const id = newJobId();
  const fileName = `${id}.import`;
  // Before a byte of the file is read or written: the request body is left unread (the server
  // discards it), nothing lands in the jobs folder.
  await assertImportSlotFree(db);
  const { fields, fileBytes } = await receiveImportUpload(request, jobFilePath(fileName));
  try {
    if (fileBytes === null) throw invalidBody("Must provide 'users' file as multipart part.");
    if (fileBytes === 0) throw invalidBody("Users file must not be empty.");
    const connectionId = fields.connection_id;
    if (connectionId === undefined) throw invalidBody("Must provide 'connection_id' as multipart part.");
    if (!connectionIdSchema.safeParse(connectionId).success)
      throw invalidBody(`Payload validation error: 'String does not match pattern ^con_[A-Za-z0-9]{16}$: ${connectionId.slice(0, 64)}' on property connection_id.`);
    const params: UsersImportParams = {
      upsert: booleanPart(fields, "upsert", false),
      send_completion_email: booleanPart(fields, "send_completion_email", true),
    };
    if (fields.external_id !== undefined) {
      if (fields.external_id.length > 255) throw invalidBody("Payload validation error: 'String is too long (max 255)' on property external_id.");
      params.external_id = fields.external_id;
    }
    const connection = await db.connection.findUnique({ where: { id: connectionId }, select: { id: true, strategy: true, is_system: true } });
    if (!connection) throw invalidBody("The connection does not exist.");
    if (connection.strategy !== "auth0") throw invalidBody("Connection must be a database connection.");
    if (connection.is_system) throw operatorAccountRefused();
    const job = await insertImportJobWithinCap(db, { id, connection_id: connection.id, params, file_name: fileName, work_total: BigInt(fileBytes) });
    return presentJob(job);
  } catch (error) {
    await removeJobFile(fileName);
    throw error;
  }
}
