// The dashboard's home page content (issue 5): totals and a chart of sign-ups, logins and failed
// logins per day over the last 30 days, and the newest log events. A server component calling the
// services directly; app/dashboard/page.tsx renders <HomeDashboard operator={operator} />.
import Link from "next/link";
import { EmptyState, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { operatorActor, type Operator } from "@/lib/dashboard/require-operator.ts";
import { getDailyActivity } from "@/lib/services/stats/daily-activity.ts";
import { listRecentEvents } from "@/lib/services/stats/recent-events.ts";
import { EventTypeBadge, formatEventTime } from "../config/log-format.tsx";
import { ActivityChart } from "./activity-chart.tsx";

export async function HomeDashboard({ operator }: { operator: Operator }) {
  const actor = operatorActor(operator);
  const db = await ready();
  const [activity, events] = await Promise.all([getDailyActivity(db, { days: 30 }), listRecentEvents(db, actor, 10)]);
  const cards = [
    { label: "Logins", value: activity.totals.logins, testId: "total-logins" },
    { label: "Sign-ups", value: activity.totals.signups, testId: "total-signups" },
    { label: "Failed logins", value: activity.totals.failed_logins, testId: "total-failed-logins" },
  ];
  return (
    <div className="flex flex-col gap-6">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        {cards.map((card) => (
          <div key={card.label} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
            <p className="text-sm text-slate-600 dark:text-slate-400">{card.label} · last 30 days</p>
            <p className="mt-1 text-3xl font-semibold tabular-nums" data-testid={card.testId}>
              {card.value.toLocaleString("en")}
            </p>
          </div>
        ))}
      </div>
      <Section id="activity" title="Activity" description="Per day (UTC), last 30 days.">
        <ActivityChart days={activity.days} />
      </Section>
      <Section id="newest-events" title="Newest events" actions={<Link href="/dashboard/logs" className="text-sm font-semibold text-brand-700 underline dark:text-brand-100">All logs</Link>}>
        {events.length === 0 ? (
          <EmptyState title="No events yet">Logins, sign-ups and API calls appear here as they happen.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="newest-events">
            {events.map((event) => (
              <li key={String(event.log_id)} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
                <EventTypeBadge type={String(event.type)} />
                <Link href={`/dashboard/logs/${encodeURIComponent(String(event.log_id))}`} className="min-w-0 flex-1 truncate hover:underline">
                  {String(event.description ?? event.type)}
                  {event.user_name ? <span className="text-slate-600 dark:text-slate-400"> · {String(event.user_name)}</span> : null}
                  {event.client_name ? <span className="text-slate-600 dark:text-slate-400"> · {String(event.client_name)}</span> : null}
                </Link>
                <time dateTime={String(event.date)} className="text-xs whitespace-nowrap text-slate-500 dark:text-slate-400">
                  {formatEventTime(String(event.date))}
                </time>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
