"use server";
// Server actions of the Jobs page and of the users list's bulk-actions bar: preview (the exact count
// of a search snapshot), start a bulk job, start an export (of everything, or of a search result).
// The users list's state comes as its URL query string and becomes the same search as the list
// (lib/dashboard/users/users-list-query.ts searchPlan).
import { z } from "zod";
import { dashboardAction, type ActionResult } from "@/lib/dashboard/dashboard-action.ts";
import { parseUsersListState, searchPlan } from "@/lib/dashboard/users/users-list-query.ts";
import { BULK_ACTION_LABELS, BULK_ACTIONS } from "@/lib/jobs/bulk/users-bulk-params.ts";
import { createSearchExportJob } from "@/lib/services/bulk/create-search-export-job.ts";
import { createUsersBulkJob, previewBulkAction } from "@/lib/services/bulk/create-users-bulk-job.ts";
import { invalid } from "@/lib/services/errors.ts";
import { cancelJob } from "@/lib/services/jobs/cancel-job.ts";
import { revalidatePath } from "next/cache";

function planOf(listQuery: unknown): { q?: string; connection?: string } {
  const text = z.string().max(8_000).safeParse(listQuery);
  if (!text.success) throw invalid("Invalid search.");
  const plan = searchPlan(parseUsersListState(Object.fromEntries(new URLSearchParams(text.data))));
  return { q: plan.q, connection: plan.connection };
}

export async function previewBulkActionAction(csrf: string, listQuery: string): Promise<ActionResult<{ count: number; created_before: string }>> {
  return dashboardAction(csrf, async ({ db }) => {
    const preview = await previewBulkAction(db, planOf(listQuery));
    return { message: `${preview.count} users match.`, data: preview };
  });
}

const startSchema = z.strictObject({
  listQuery: z.string().max(8_000),
  action: z.enum(BULK_ACTIONS),
  role_id: z.string().max(128).optional(),
  created_before: z.iso.datetime(),
  expected: z.number().int().min(0),
});

export async function startBulkActionAction(csrf: string, input: z.input<typeof startSchema>): Promise<ActionResult<{ id: string }>> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    const parsed = startSchema.safeParse(input);
    if (!parsed.success) throw invalid("Invalid bulk action.");
    const { listQuery, ...rest } = parsed.data;
    const job = await createUsersBulkJob(db, { ...rest, ...planOf(listQuery) }, actor);
    return {
      message: `${BULK_ACTION_LABELS[rest.action]}: job started for ${rest.expected} users.`,
      data: job,
      audit: { description: `Start a bulk action (${rest.action})`, details: { job_id: job.id, expected: rest.expected, ...planOf(listQuery) } },
    };
  });
}

const exportSchema = z.strictObject({
  listQuery: z.string().max(8_000).optional(),
  format: z.enum(["json", "csv"]),
  fields: z.string().max(4_000).optional(),
});

export async function startExportAction(csrf: string, input: z.input<typeof exportSchema>): Promise<ActionResult<{ id: string }>> {
  return dashboardAction(csrf, async ({ db, operator }) => {
    const parsed = exportSchema.safeParse(input);
    if (!parsed.success) throw invalid("Invalid export request.");
    const fields = parsed.data.fields?.split(/[\s,]+/).filter(Boolean);
    const plan = parsed.data.listQuery === undefined ? {} : planOf(parsed.data.listQuery);
    const job = await createSearchExportJob(db, { format: parsed.data.format, ...(fields?.length ? { fields } : {}), ...plan, createdBy: operator.email ?? operator.user_id });
    return { message: "Export started.", data: job, audit: { description: "Start a users export", details: { job_id: job.id, ...plan } } };
  });
}

/** Cancels a pending or running job (lib/services/jobs/cancel-job.ts). */
export async function cancelJobAction(csrf: string, jobId: string): Promise<ActionResult> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    if (!/^job_[A-Za-z0-9]{1,64}$/.test(jobId)) throw invalid("Invalid job id.");
    await cancelJob(db, jobId, actor);
    revalidatePath("/dashboard/jobs");
    revalidatePath(`/dashboard/jobs/${jobId}`);
    return { message: "Job cancelled. Work already committed stays." };
  });
}
