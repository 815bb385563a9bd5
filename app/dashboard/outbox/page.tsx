// /dashboard/outbox: every email Gatehouse sent or would have sent (the email_messages table),
// newest first. Without SMTP (SMTP_URL unset) this is where verification and reset links are.
import type { Metadata } from "next";
import Link from "next/link";
import { formatEventTime } from "@/components/dashboard/config/log-format.tsx";
import { Pagination } from "@/components/dashboard/pagination.tsx";
import { Badge, EmptyState, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { requireOperator } from "@/lib/dashboard/require-operator.ts";
import { env } from "@/lib/env.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Email outbox" };

const PER_PAGE = 50;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = await searchParams;
  await requireOperator("/dashboard/outbox");
  const page = Math.max(1, Math.min(Number.parseInt(String(search.page ?? "1"), 10) || 1, 10_000));
  const db = await ready();
  const [messages, total] = await Promise.all([
    db.emailMessage.findMany({
      select: { id: true, kind: true, to: true, subject: true, created_at: true, sent_at: true, error: true },
      orderBy: [{ created_at: "desc" }, { id: "desc" }],
      skip: (page - 1) * PER_PAGE,
      take: PER_PAGE,
    }),
    db.emailMessage.count(),
  ]);
  const smtp = Boolean(env().smtpUrl);
  return (
    <>
      <PageHeader
        title="Email outbox"
        description={
          smtp
            ? "Emails Gatehouse sent through your SMTP server, with their delivery state."
            : "No SMTP server is configured (SMTP_URL), so emails are kept here instead of being sent: open one to copy its link for the user."
        }
      />
      <Section id="outbox" title={`${total.toLocaleString("en")} email${total === 1 ? "" : "s"}`}>
        {messages.length === 0 ? (
          <EmptyState title="No emails yet">Verification, password reset and blocked-account emails appear here.</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="outbox-table">
              <thead className="text-xs text-slate-600 uppercase dark:text-slate-400">
                <tr>
                  <th className="py-2 pr-4">To</th>
                  <th className="py-2 pr-4">Subject</th>
                  <th className="py-2 pr-4">Kind</th>
                  <th className="py-2 pr-4">State</th>
                  <th className="py-2">Created</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {messages.map((m) => (
                  <tr key={m.id}>
                    <td className="py-2 pr-4 break-all">{m.to}</td>
                    <td className="py-2 pr-4">
                      <Link href={`/dashboard/outbox/${encodeURIComponent(m.id)}`} className="hover:underline">
                        {m.subject}
                      </Link>
                    </td>
                    <td className="py-2 pr-4">
                      <Badge>{m.kind}</Badge>
                    </td>
                    <td className="py-2 pr-4">{m.error ? <Badge tone="danger">failed</Badge> : m.sent_at ? <Badge tone="success">sent</Badge> : <Badge tone="warning">{smtp ? "queued" : "not sent"}</Badge>}</td>
                    <td className="py-2 whitespace-nowrap">{formatEventTime(m.created_at.toISOString())}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {total > PER_PAGE && (
          <div className="mt-4">
            <Pagination page={page} perPage={PER_PAGE} shown={messages.length} total={total} href={(p) => `/dashboard/outbox?page=${p}`} label="Outbox pages" />
          </div>
        )}
      </Section>
    </>
  );
}
