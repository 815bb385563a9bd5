// POST /dashboard/jobs/import-upload: the Jobs page's import form (multipart: `users` file,
// `connection_id`, `upsert`, `send_completion_email`), streamed to disk by the same code as
// POST /api/v2/jobs/users-imports (lib/services/jobs/create-users-import-job.ts →
// lib/jobs/receive-import-upload.ts), never buffered: a route handler, not a server action, so
// Next's server-action body limit does not apply. Operator session + CSRF token (x-csrf-token
// header, lib/dashboard/dashboard-csrf.ts) required. Answers { id } or { error } (4xx).
import { ready } from "@/lib/boot/ready.ts";
import { verifyDashboardCsrf } from "@/lib/dashboard/dashboard-csrf.ts";
import { currentOperatorState } from "@/lib/dashboard/operator-session.ts";
import { logger } from "@/lib/logs/logger.ts";
import { ManagementApiError } from "@/lib/management/errors.ts";
import { CsrfError } from "@/lib/security/csrf.ts";
import { createUsersImportJob } from "@/lib/services/jobs/create-users-import-job.ts";
import { AppError } from "@/lib/services/errors.ts";

export const dynamic = "force-dynamic";

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

export async function POST(request: Request): Promise<Response> {
  try {
    await verifyDashboardCsrf(request.headers.get("x-csrf-token"));
  } catch (error) {
    if (!(error instanceof CsrfError)) throw error;
    return answer(403, { error: "This page has expired or the request was not sent from this site. Reload the page and try again." });
  }
  const state = await currentOperatorState();
  if (state.kind !== "operator") return answer(401, { error: "Your dashboard session has ended. Sign in again (reload the page)." });
  try {
    const db = await ready();
    const job = await createUsersImportJob(db, request);
    const id = String(job.id);
    // Who started it, for the Jobs page (the runner reads only its own keys of params).
    const row = await db.job.findUnique({ where: { id }, select: { params: true } });
    if (row) await db.job.update({ where: { id }, data: { params: { ...(row.params as Record<string, unknown>), created_by: state.operator.email ?? state.operator.user_id } } });
    return answer(202, { id });
  } catch (error) {
    if (error instanceof ManagementApiError && error.statusCode < 500) return answer(error.statusCode, { error: error.message });
    if (error instanceof AppError && error.status < 500) return answer(error.status, { error: error.message });
    logger().error({ err: error }, "dashboard import upload failed");
    return answer(500, { error: "Something went wrong on our side. Try again; if it keeps failing, the server log says why." });
  }
}
