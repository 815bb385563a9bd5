// /dashboard/logs/[id]: one log event, every field, and its details as JSON.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventTypeBadge, formatEventTime, logTypeLabel } from "@/components/dashboard/config/log-format.tsx";
import { DescriptionList, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { operatorActor, requireOperator } from "@/lib/dashboard/require-operator.ts";
import { AppError } from "@/lib/services/errors.ts";
import { getLog } from "@/lib/services/logs/get-log.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Log event" };

const FIELDS = ["log_id", "client_id", "client_name", "connection", "connection_id", "user_id", "user_name", "ip", "user_agent", "hostname", "audience", "scope", "strategy", "strategy_type"] as const;

export default async function LogPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const operator = await requireOperator(`/dashboard/logs/${encodeURIComponent(id)}`);
  const db = await ready();
  let log: Record<string, unknown>;
  try {
    log = await getLog(db, id, operatorActor(operator));
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    if (error instanceof AppError && error.status < 500) notFound();
    throw error;
  }
  const userId = typeof log.user_id === "string" ? log.user_id : null;
  return (
    <>
      <PageHeader
        breadcrumb={<Link href="/dashboard/logs" className="hover:underline">Logs</Link>}
        title={String(log.description ?? logTypeLabel(String(log.type)))}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <EventTypeBadge type={String(log.type)} /> {logTypeLabel(String(log.type))} · {formatEventTime(String(log.date))}
          </span>
        }
      />
      <div className="flex flex-col gap-6">
        <Section id="log-fields" title="Event">
          <DescriptionList
            items={FIELDS.filter((f) => log[f] !== undefined && log[f] !== null && log[f] !== "").map((f) => ({
              key: f,
              term: f,
              value:
                f === "user_id" && userId ? (
                  <Link href={`/dashboard/users/${encodeURIComponent(userId)}`} className="underline">
                    {userId}
                  </Link>
                ) : f === "client_id" ? (
                  <Link href={`/dashboard/applications/${encodeURIComponent(String(log[f]))}`} className="underline">
                    {String(log[f])}
                  </Link>
                ) : (
                  String(log[f])
                ),
            }))}
          />
        </Section>
        <Section id="log-details" title="Details">
          {log.details ? (
            <pre className="max-h-[32rem] overflow-auto rounded-md bg-slate-100 p-3 text-xs dark:bg-slate-950" data-testid="log-details">
              {JSON.stringify(log.details, null, 2)}
            </pre>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">This event has no details.</p>
          )}
        </Section>
      </div>
    </>
  );
}
