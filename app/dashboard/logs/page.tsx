// /dashboard/logs: log events, newest first, filtered by type, user, application and date (or any
// query in the log search syntax), 50 per page, each linking to its detail view.
import type { Metadata } from "next";
import Link from "next/link";
import { EventTypeBadge, formatEventTime, logTypeLabel } from "@/components/dashboard/config/log-format.tsx";
import { Pagination } from "@/components/dashboard/pagination.tsx";
import { EmptyState, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { operatorActor, requireOperator } from "@/lib/dashboard/require-operator.ts";
import { LOG_TYPES } from "@/lib/logs/log-types.ts";
import { AppError } from "@/lib/services/errors.ts";
import { listLogs } from "@/lib/services/logs/list-logs.ts";
import { LogFilterForm } from "./log-filter-form.tsx";
import { logFiltersQuery, readLogFilters } from "./log-filters.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Logs" };

const PER_PAGE = 50;

export default async function LogsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = await searchParams;
  const operator = await requireOperator("/dashboard/logs");
  const filters = readLogFilters(search);
  const page = Math.max(1, Math.min(Number.parseInt(String(search.page ?? "1"), 10) || 1, 1000));
  const { q, error: filterError } = logFiltersQuery(filters);
  const db = await ready();
  const clients = await db.client.findMany({ select: { client_id: true, name: true }, orderBy: { name: "asc" }, take: 500 });
  let result: { logs: Record<string, unknown>[]; total?: number } = { logs: [] };
  let error = filterError;
  if (!error) {
    try {
      result = await listLogs(db, { q, skip: (page - 1) * PER_PAGE, take: PER_PAGE, withTotal: true }, operatorActor(operator));
    } catch (caught) {
      if (!(caught instanceof AppError) || caught.status >= 500) throw caught;
      error = caught.message;
    }
  }
  const total = result.total ?? result.logs.length;
  const link = (p: number) => `/dashboard/logs?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v) as [string, string][]), page: String(p) })}`;
  return (
    <>
      <PageHeader title="Logs" description="Every event: logins, sign-ups, API operations, impersonations, blocks." />
      <div className="flex flex-col gap-6">
        <Section id="log-filters" title="Filters">
          <LogFilterForm filters={filters} types={Object.entries(LOG_TYPES).map(([code, label]) => ({ code, label }))} clients={clients.map((c) => ({ id: c.client_id, name: c.name }))} />
        </Section>
        <Section id="log-results" title={error ? "Results" : `${total.toLocaleString("en")} event${total === 1 ? "" : "s"}`}>
          {error ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200" data-testid="log-filter-error">
              {error}
            </p>
          ) : result.logs.length === 0 ? (
            <EmptyState title="No events match">Widen the date range or clear a filter.</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="log-table">
                <thead className="text-xs text-slate-600 uppercase dark:text-slate-400">
                  <tr>
                    <th className="py-2 pr-4">Type</th>
                    <th className="py-2 pr-4">Description</th>
                    <th className="py-2 pr-4">User</th>
                    <th className="py-2 pr-4">Application</th>
                    <th className="py-2">Date</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                  {result.logs.map((log) => (
                    <tr key={String(log.log_id)}>
                      <td className="py-2 pr-4">
                        <EventTypeBadge type={String(log.type)} />
                      </td>
                      <td className="py-2 pr-4">
                        <Link href={`/dashboard/logs/${encodeURIComponent(String(log.log_id))}`} className="hover:underline">
                          {String(log.description ?? logTypeLabel(String(log.type)))}
                        </Link>
                      </td>
                      <td className="py-2 pr-4 break-all">{String(log.user_name ?? log.user_id ?? "")}</td>
                      <td className="py-2 pr-4">{String(log.client_name ?? log.client_id ?? "")}</td>
                      <td className="py-2 whitespace-nowrap">{formatEventTime(String(log.date))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {!error && total > PER_PAGE && (
            <div className="mt-4">
              <Pagination page={page} perPage={PER_PAGE} shown={result.logs.length} total={total} href={link} label="Log pages" />
            </div>
          )}
        </Section>
      </div>
    </>
  );
}
