// /dashboard/jobs/{id}: one job: status, progress (refreshed while it runs), what it was asked to do,
// its per-record errors (import records, bulk-action users refused), and for a finished export the
// download link (a fresh signed URL, lib/services/jobs/present-job.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/dashboard/action-button.tsx";
import { formatCount, formatDateTime } from "@/components/dashboard/format.ts";
import { AutoRefresh } from "@/components/dashboard/jobs/auto-refresh.tsx";
import { JOB_TONE, JobProgress, jobCreatedBy, jobTitle } from "@/components/dashboard/jobs/job-progress.tsx";
import { BUTTON_SIZES, BUTTON_VARIANTS } from "@/components/dashboard/ui/button.tsx";
import { Badge, DescriptionList, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { classNames } from "@/components/ui/class-names.ts";
import { ready } from "@/lib/boot/ready.ts";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { requireOperator } from "@/lib/dashboard/require-operator.ts";
import { presentJob } from "@/lib/services/jobs/present-job.ts";
import { cancelJobAction } from "../actions.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Job" };

const ERRORS_SHOWN = 200;

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireOperator(`/dashboard/jobs/${encodeURIComponent(id)}`);
  if (!/^job_[A-Za-z0-9]{1,64}$/.test(id)) notFound();
  const db = await ready();
  const row = await db.job.findUnique({ where: { id } });
  if (!row) notFound();
  const job = presentJob(row);
  const errors = await db.jobError.findMany({ where: { job_id: id }, orderBy: [{ record_index: "asc" }, { position: "asc" }], take: ERRORS_SHOWN });
  const params_ = row.params as Record<string, unknown>;
  const search = (params_.filter as { q?: string; connection?: string } | undefined) ?? (row.type === "users_bulk" ? (params_ as { q?: string; connection?: string }) : undefined);
  const active = row.status === "pending" || row.status === "processing";
  return (
    <>
      <PageHeader
        title={jobTitle(row)}
        description={<code>{row.id}</code>}
        breadcrumb={
          <Link href="/dashboard/jobs" className="hover:underline">
            Jobs
          </Link>
        }
        actions={
          typeof job.location === "string" ? (
            <a href={job.location} className={classNames("inline-flex items-center rounded-md font-semibold", BUTTON_SIZES.md, BUTTON_VARIANTS.primary)} data-testid="export-download">
              Download export
            </a>
          ) : active ? (
            <ActionButton
              action={cancelJobAction.bind(null, await dashboardCsrfToken(), row.id)}
              label="Cancel job"
              pendingLabel="Cancelling…"
              variant="danger"
              size="md"
              confirm="Stop this job? What it has already written stays."
              testId="cancel-job"
            />
          ) : undefined
        }
      />
      <AutoRefresh active={active} />
      <div className="flex flex-col gap-6">
        <Section title="Status">
          <div className="flex flex-col gap-4">
            <div className="flex items-center gap-3">
              <Badge tone={JOB_TONE[row.status as keyof typeof JOB_TONE] ?? "neutral"}>
                <span data-testid="job-status">{row.status}</span>
              </Badge>
              {row.status_details && <span className="text-sm text-red-700 dark:text-red-400">{row.status_details}</span>}
            </div>
            <JobProgress row={row} job={job} />
            <DescriptionList
              items={[
                { term: "Created by", value: jobCreatedBy(row) },
                { term: "Created", value: formatDateTime(row.created_at) },
                { term: "Started", value: formatDateTime(row.started_at) },
                { term: "Finished", value: formatDateTime(row.completed_at) },
                ...(search ? [{ term: "Search", value: <code>{[search.q, search.connection ? `connection: ${search.connection}` : ""].filter(Boolean).join(" · ") || "every user"}</code> }] : []),
                ...(row.type === "users_bulk" ? [{ term: "Users at confirmation", value: formatCount(Number(params_.expected ?? 0)) }] : []),
                ...(row.type === "users_export" ? [{ term: "Format", value: String(params_.format ?? "json") }] : []),
              ]}
            />
          </div>
        </Section>
        <Section title={`Errors (${formatCount(row.failed)})`}>
          {errors.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No errors.</p>
          ) : (
            <table className="w-full text-left text-sm" data-testid="job-errors">
              <thead className="text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-2 pr-4">Record</th>
                  <th scope="col" className="py-2 pr-4">Code</th>
                  <th scope="col" className="py-2">Message</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {errors.map((e) => {
                  const record = e.record as { user_id?: string; email?: string } | null;
                  return (
                    <tr key={`${e.record_index}-${e.position}`}>
                      <td className="py-2 pr-4">
                        <code className="text-xs">{record?.user_id ?? record?.email ?? `#${e.record_index}`}</code>
                      </td>
                      <td className="py-2 pr-4">
                        <code className="text-xs">{e.code}</code>
                      </td>
                      <td className="py-2">{e.message}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {row.failed > ERRORS_SHOWN && <p className="mt-2 text-xs text-slate-600">The first {ERRORS_SHOWN} are shown.</p>}
        </Section>
      </div>
    </>
  );
}
