// A job's progress: bar, percent, ETA while it runs, and its counts. Shared by the list and the detail.
import { formatCount } from "@/components/dashboard/format.ts";
import type { JobRow } from "@/lib/services/jobs/present-job.ts";

export const JOB_TONE = { completed: "success", failed: "danger", processing: "warning", pending: "neutral", cancelled: "neutral" } as const;

export const JOB_TYPES: Record<string, string> = {
  users_import: "User import",
  users_export: "User export",
  users_bulk: "Bulk action",
  verification_email: "Verification email",
};

export function jobTitle(row: JobRow): string {
  const base = JOB_TYPES[row.type] ?? row.type;
  if (row.type === "users_bulk") {
    const params = row.params as { action?: string };
    return `${base}: ${String(params.action ?? "").replace("_", " ")}`;
  }
  return base;
}

/** Who started the job: the operator recorded in its params, else the Management API. */
export function jobCreatedBy(row: JobRow): string {
  const params = row.params as { operator?: { email?: string | null; user_id?: string }; created_by?: string };
  return params.operator?.email ?? params.operator?.user_id ?? params.created_by ?? "Management API";
}

function eta(seconds: number): string {
  if (seconds < 60) return `${seconds}s left`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min left`;
  return `${(seconds / 3600).toFixed(1)} h left`;
}

export function JobProgress({ row, job }: { row: JobRow; job: Record<string, unknown> }) {
  const percent = typeof job.percentage_done === "number" ? job.percentage_done : row.status === "completed" ? 100 : 0;
  const timeLeft = row.status === "processing" && typeof job.time_left_seconds === "number" && percent > 0 ? eta(job.time_left_seconds) : null;
  const counts =
    row.type === "users_import"
      ? `${formatCount(row.inserted)} inserted, ${formatCount(row.updated)} updated, ${formatCount(row.failed)} failed`
      : row.type === "users_bulk"
        ? `${formatCount(row.total)} of ${formatCount(Number(row.work_total))} users, ${formatCount(row.updated)} changed, ${formatCount(row.failed)} failed`
        : `${formatCount(row.total)} records`;
  return (
    <div className="flex min-w-40 flex-col gap-1">
      <div role="progressbar" aria-label={`${jobTitle(row)} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
        <div className="h-full bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
      <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="job-counts">
        {percent}%{timeLeft ? ` · ${timeLeft}` : ""} · {counts}
      </span>
    </div>
  );
}
