// GET /jobs/exports/{id}?sig=... : the file of a finished users export, for whoever holds a
// download URL that is still valid (present-job.ts: HMAC-signed with a key derived from the
// master secret, for this job only, expiring after EXPORT_LINK_TTL_SECONDS). The URL is the
// credential, as Auth0's `location` links are; GET /api/v2/jobs/{id} hands out a fresh one.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type { Db } from "../../db/client.ts";
import { jobFilePath } from "../../jobs/job-files.ts";
import { managementErrorResponse, ManagementApiError } from "../../management/errors.ts";
import { withRequest, type ErrorRenderer } from "../../http/with-request.ts";
import { verifySignedValue } from "../../security/signed-value.ts";
import { tenantName } from "../../email/tenant-name.ts";
import { EXPORT_LINK_PURPOSE } from "./present-job.ts";

export async function downloadExport(db: Db, jobId: string, signature: string | null): Promise<Response> {
  if (verifySignedValue(EXPORT_LINK_PURPOSE, signature ?? undefined) !== jobId)
    throw new ManagementApiError(403, "The download link is invalid or has expired. Get a new one from GET /api/v2/jobs/{id}.", "invalid_signature");
  const job = await db.job.findUnique({ where: { id: jobId }, select: { type: true, status: true, file_name: true, params: true } });
  if (!job || job.type !== "users_export" || job.status !== "completed" || !job.file_name)
    throw new ManagementApiError(404, "The export does not exist.", "inexistent_job");
  const path = jobFilePath(job.file_name);
  const size = (await stat(path).catch(() => null))?.size;
  if (size === undefined) throw new ManagementApiError(404, "The export file is no longer available.", "inexistent_job");
  const format = (job.params as { format?: string }).format === "csv" ? "csv" : "json";
  const base = (await tenantName(db)).replace(/[^A-Za-z0-9._-]+/g, "-") || "users";
  return new Response(Readable.toWeb(createReadStream(path)) as unknown as ReadableStream, {
    headers: {
      "content-type": "application/gzip",
      "content-length": String(size),
      "content-disposition": `attachment; filename="${base}.${format}.gz"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

const renderer: ErrorRenderer = {
  known: (error) => (error instanceof ManagementApiError ? managementErrorResponse(error.statusCode, error.message, error.errorCode) : null),
  unavailable: (message) => managementErrorResponse(503, message, "temporarily_unavailable", { "retry-after": "5" }),
  internal: (requestId) => managementErrorResponse(500, `An internal error occurred (request id ${requestId}).`, "internal_error"),
};

/** The route handler of app/jobs/exports/[id]/route.ts. */
export const handleExportDownload = withRequest(renderer, async (request, db, context) => {
  const params = (await context.params) ?? {};
  const id = typeof params.id === "string" ? params.id : "";
  if (!/^job_[A-Za-z0-9]{1,64}$/.test(id)) throw new ManagementApiError(404, "The export does not exist.", "inexistent_job");
  return downloadExport(db, id, new URL(request.url).searchParams.get("sig"));
});
