// "Export this result" on the dashboard's users list, and the Jobs page's export form: a users_export
// job (lib/jobs/export/run-users-export.ts, the same as POST /api/v2/jobs/users-exports) whose users
// are a search snapshot (params.filter: the query, the connection filter, created_at at or before
// the request). Fields are validated as the API validates them (usersExportSchema + the CSV rules).
import type { Db } from "../../db/client.ts";
import { newJobId } from "../../crypto/ids.ts";
import { MAX_CSV_FIELDS, OBJECT_FIELDS } from "../../jobs/export/export-fields.ts";
import type { UsersExportParams } from "../../jobs/export/run-users-export.ts";
import { usersExportSchema } from "../../schemas/jobs.ts";
import { invalid } from "../errors.ts";

export type SearchExportRequest = { format: "json" | "csv"; fields?: string[]; q?: string; connection?: string; createdBy?: string };

export async function createSearchExportJob(db: Db, request: SearchExportRequest, now = new Date()): Promise<{ id: string }> {
  const fields = request.fields?.map((name) => name.trim()).filter(Boolean);
  const parsed = usersExportSchema.safeParse({ format: request.format, ...(fields?.length ? { fields: fields.map((name) => ({ name })) } : {}) });
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? "Invalid export request.", "invalid_body");
  const input = parsed.data;
  if (input.format === "csv" && input.fields) {
    if (input.fields.length > MAX_CSV_FIELDS) throw invalid(`CSV exports are limited to ${MAX_CSV_FIELDS} fields.`, "invalid_body");
    const whole = input.fields.find((f) => OBJECT_FIELDS.has(f.name));
    if (whole) throw invalid(`CSV exports cannot contain the object ${whole.name}: list its leaf paths instead (e.g. ${whole.name}.plan).`, "invalid_body");
  }
  const params: UsersExportParams = {
    format: input.format,
    ...(input.fields ? { fields: input.fields } : {}),
    ...(request.createdBy ? { created_by: request.createdBy } : {}),
    filter: { ...(request.q ? { q: request.q } : {}), ...(request.connection ? { connection: request.connection } : {}), created_before: now.toISOString() },
  };
  const job = await db.job.create({ data: { id: newJobId(), type: "users_export", status: "pending", params } });
  return { id: job.id };
}
