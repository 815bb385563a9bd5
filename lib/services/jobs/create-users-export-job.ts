// POST /api/v2/jobs/users-exports (auth0-management-api.md §3.13, §6): a pending users_export job.
// Password hashes are exported only on request (include_password_hashes), for callers holding
// read:user_password_hashes, and the request is recorded in the tenant log: without them a
// migration out of Gatehouse would lose every password, with them the file is a credential dump.
import type { Db } from "../../db/client.ts";
import { newJobId } from "../../crypto/ids.ts";
import { MAX_CSV_FIELDS, OBJECT_FIELDS } from "../../jobs/export/export-fields.ts";
import type { UsersExportParams } from "../../jobs/export/run-users-export.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { insufficientScope, invalidBody } from "../../management/errors.ts";
import type { ManagementCaller } from "../../management/authenticate.ts";
import type { UsersExportInput } from "../../schemas/jobs.ts";
import { presentJob } from "./present-job.ts";

export const PASSWORD_HASHES_SCOPE = "read:user_password_hashes";

export async function createUsersExportJob(db: Db, input: UsersExportInput, caller: ManagementCaller): Promise<Record<string, unknown>> {
  if (input.format === "csv" && input.fields) {
    if (input.fields.length > MAX_CSV_FIELDS) throw invalidBody(`Payload validation error: 'CSV exports are limited to ${MAX_CSV_FIELDS} fields' on property fields.`);
    const whole = input.fields.find((f) => OBJECT_FIELDS.has(f.name));
    if (whole) throw invalidBody(`Payload validation error: 'CSV exports cannot contain the object ${whole.name}: list its leaf paths instead' on property fields.`);
  }
  if (input.include_password_hashes && !caller.scopes.has(PASSWORD_HASHES_SCOPE)) throw insufficientScope([PASSWORD_HASHES_SCOPE]);
  let connectionName: string | null = null;
  if (input.connection_id) {
    const connection = await db.connection.findUnique({ where: { id: input.connection_id }, select: { name: true } });
    if (!connection) throw invalidBody("The connection does not exist.");
    connectionName = connection.name;
  }
  const params: UsersExportParams = { format: input.format, ...(input.limit !== undefined ? { limit: input.limit } : {}), ...(input.fields ? { fields: input.fields } : {}) };
  if (input.include_password_hashes) params.include_password_hashes = true;
  const job = await db.job.create({ data: { id: newJobId(), type: "users_export", status: "pending", connection_id: input.connection_id ?? null, params } });
  if (params.include_password_hashes)
    await writeLogEvent(db, {
      type: "mgmt_api_read",
      description: "Users export with password hashes requested",
      client_id: caller.clientId,
      connection_id: input.connection_id ?? null,
      details: { job_id: job.id, accessedSecrets: true, scope: PASSWORD_HASHES_SCOPE },
    });
  return presentJob(job, connectionName);
}
