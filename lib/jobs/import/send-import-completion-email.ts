// The completion email of an import (send_completion_email, default true: Auth0 emails "all tenant
// owners" when the job finishes, §3.13). Gatehouse's tenant owners are its operators: each gets
// the job's outcome and summary counts (no user data: the errors are read through the API).
import type { Db } from "../../db/client.ts";
import { sendEmail } from "../../email/send-email.ts";
import { tenantName } from "../../email/tenant-name.ts";
import { escapeHtml } from "../../http/html.ts";
import { OPERATORS_CONNECTION } from "../../services/setup/create-operator.ts";

export async function sendImportCompletionEmail(db: Db, jobId: string): Promise<void> {
  const job = await db.job.findUnique({ where: { id: jobId } });
  if (!job) return;
  const operators = await db.user.findMany({
    where: { connection: { name: OPERATORS_CONNECTION }, email: { not: null }, blocked: false },
    select: { user_id: true, email: true },
    take: 50,
  });
  const tenant = await tenantName(db);
  const outcome = job.status === "completed" ? "completed" : `failed: ${job.status_details ?? "unknown error"}`;
  const lines = [
    `The users import job ${job.id} ${outcome}.`,
    `Records: ${job.total} processed, ${job.inserted} inserted, ${job.updated} updated, ${job.failed} failed.`,
    ...(job.failed > 0 ? [`The failed records and their errors: GET /api/v2/jobs/${job.id}/errors.`] : []),
  ];
  const subject = `Users import ${job.status === "completed" ? "completed" : "failed"} (${job.id})`;
  const text = ["Hello,", "", ...lines.flatMap((l) => [l, ""]), `— ${tenant}`, ""].join("\n");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:system-ui,sans-serif">${["Hello,", ...lines, `— ${tenant}`].map((l) => `<p>${escapeHtml(l)}</p>`).join("")}</body></html>`;
  for (const operator of operators) await sendEmail(db, { kind: "import_completed", to: operator.email!, userId: operator.user_id, content: { subject, text, html, links: [] } });
}
