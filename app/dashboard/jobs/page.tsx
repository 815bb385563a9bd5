// /dashboard/jobs: background jobs (user imports and exports, bulk actions on a search result,
// verification emails) with their progress (bar, percent, ETA, counts) and who started them,
// newest first; the page refreshes itself while a job is pending or running. Import a file and
// start an export here; bulk actions start from the users list (components/dashboard/bulk).
import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/dashboard/format.ts";
import { AutoRefresh } from "@/components/dashboard/jobs/auto-refresh.tsx";
import { ExportForm } from "@/components/dashboard/jobs/export-form.tsx";
import { ImportForm } from "@/components/dashboard/jobs/import-form.tsx";
import { JOB_TONE, JobProgress, jobCreatedBy, jobTitle } from "@/components/dashboard/jobs/job-progress.tsx";
import { Badge, EmptyState, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { requireOperator } from "@/lib/dashboard/require-operator.ts";
import { presentJob } from "@/lib/services/jobs/present-job.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  await requireOperator("/dashboard/jobs");
  const db = await ready();
  const rows = await db.job.findMany({ orderBy: { created_at: "desc" }, take: 100 });
  const jobs = rows.map((row) => ({ row, job: presentJob(row) }));
  const connections = await db.connection.findMany({ where: { strategy: "auth0", is_system: false }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  const csrfToken = await dashboardCsrfToken();
  const active = rows.some((row) => row.status === "pending" || row.status === "processing");
  return (
    <>
      <PageHeader title="Jobs" description="Background work: user imports and exports, bulk actions, verification emails. The newest 100." />
      <AutoRefresh active={active} />
      <div className="flex flex-col gap-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <Section title="Import users" description="Upload a file in Auth0's import format into a database connection.">
            <ImportForm csrfToken={csrfToken} connections={connections} />
          </Section>
          <Section title="Export users" description="Every user, gzipped. To export a search result, use the bulk actions of the Users list.">
            <ExportForm csrfToken={csrfToken} />
          </Section>
        </div>
        {jobs.length === 0 ? (
          <EmptyState title="No jobs yet">Jobs appear here when users are imported or exported, bulk actions run, or verification emails are sent in bulk.</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
            <table className="w-full text-left text-sm" data-testid="jobs-table">
              <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:border-slate-800 dark:bg-slate-950 dark:text-slate-400">
                <tr>
                  <th scope="col" className="px-4 py-3">Job</th>
                  <th scope="col" className="px-4 py-3">Status</th>
                  <th scope="col" className="px-4 py-3">Progress</th>
                  <th scope="col" className="hidden px-4 py-3 md:table-cell">Created by</th>
                  <th scope="col" className="hidden px-4 py-3 md:table-cell">Created</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {jobs.map(({ row, job }) => (
                  <tr key={row.id}>
                    <td className="px-4 py-3">
                      <Link href={`/dashboard/jobs/${row.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                        {jobTitle(row)}
                      </Link>
                      <code className="block text-xs text-slate-600 dark:text-slate-400">{row.id}</code>
                    </td>
                    <td className="px-4 py-3">
                      <Badge tone={JOB_TONE[row.status as keyof typeof JOB_TONE] ?? "neutral"}>{row.status}</Badge>
                      {row.status_details && <span className="mt-1 block text-xs text-red-700 dark:text-red-400">{row.status_details}</span>}
                    </td>
                    <td className="px-4 py-3">
                      <JobProgress row={row} job={job} />
                    </td>
                    <td className="hidden px-4 py-3 md:table-cell">{jobCreatedBy(row)}</td>
                    <td className="hidden px-4 py-3 whitespace-nowrap md:table-cell">{formatDateTime(row.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
