// A job in Auth0's response shape (auth0-management-api.md §3.13, §5.6): status, type,
// created_at, id, connection_id, the request's echo fields, and as work proceeds
// percentage_done / time_left_seconds (processing), summary (imports), location (a finished
// export: a signed, expiring download URL), status_details (failed).
import type { Db } from "../../db/client.ts";
import { env } from "../../env.ts";
import type { UsersExportParams } from "../../jobs/export/run-users-export.ts";
import type { UsersImportParams } from "../../jobs/import/run-users-import.ts";
import { signValue } from "../../security/signed-value.ts";

export type JobRow = NonNullable<Awaited<ReturnType<Db["job"]["findUnique"]>>>;

/** How long a download link works. Auth0's last 60 s; Gatehouse gives a slow client a little more. */
export const EXPORT_LINK_TTL_SECONDS = 600;
export const EXPORT_LINK_PURPOSE = "job-export";

export function exportDownloadUrl(jobId: string, now = Date.now()): string {
  return `${env().issuer}jobs/exports/${jobId}?sig=${encodeURIComponent(signValue(EXPORT_LINK_PURPOSE, jobId, EXPORT_LINK_TTL_SECONDS, now))}`;
}

function progress(job: JobRow): { percentage_done: number; time_left_seconds: number } | undefined {
  const total = Number(job.work_total);
  if (total <= 0) return undefined;
  const done = job.type === "users_import" ? Number(job.checkpoint_bytes) : job.checkpoint_records;
  const fraction = Math.min(1, done / total);
  const percentage = Math.floor(fraction * 100);
  const elapsed = job.started_at ? (Date.now() - job.started_at.getTime()) / 1000 : 0;
  const timeLeft = fraction > 0 ? Math.max(0, Math.round((elapsed / fraction) * (1 - fraction))) : 0;
  return { percentage_done: percentage, time_left_seconds: timeLeft };
}

export function presentJob(job: JobRow, connectionName?: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {
    status: job.status,
    type: job.type,
    created_at: job.created_at.toISOString(),
    id: job.id,
  };
  if (job.connection_id) out.connection_id = job.connection_id;
  if (job.type === "users_import") {
    const params = job.params as UsersImportParams;
    if (params.external_id !== undefined) out.external_id = params.external_id;
    out.upsert = params.upsert;
    out.send_completion_email = params.send_completion_email;
  }
  if (job.type === "users_export") {
    const params = job.params as UsersExportParams;
    if (connectionName) out.connection = connectionName;
    out.format = params.format;
    if (params.limit !== undefined) out.limit = params.limit;
    if (params.fields) out.fields = params.fields;
    if (params.include_password_hashes) out.include_password_hashes = true;
  }
  if (job.status === "processing") Object.assign(out, progress(job) ?? { percentage_done: 0, time_left_seconds: 0 });
  if (job.type === "users_import" && job.status !== "pending")
    out.summary = { failed: job.failed, updated: job.updated, inserted: job.inserted, total: job.total };
  if (job.type === "users_export" && job.status === "completed" && job.file_name) {
    out.location = exportDownloadUrl(job.id);
    out.percentage_done = 100;
    out.summary = { failed: 0, updated: 0, inserted: 0, total: job.total };
  }
  if (job.status === "failed" && job.status_details) out.status_details = job.status_details;
  return out;
}
