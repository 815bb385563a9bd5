// /dashboard/outbox/[id]: one email. The text version as text; the HTML version in a sandboxed
// frame (no scripts, no same-origin access), so a hostile name in a template stays inert.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatEventTime } from "@/components/dashboard/config/log-format.tsx";
import { DescriptionList, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { requireOperator } from "@/lib/dashboard/require-operator.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Email" };

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireOperator(`/dashboard/outbox/${encodeURIComponent(id)}`);
  const db = await ready();
  const message = await db.emailMessage.findUnique({ where: { id } });
  if (!message) notFound();
  return (
    <>
      <PageHeader breadcrumb={<Link href="/dashboard/outbox" className="hover:underline">Email outbox</Link>} title={message.subject} />
      <div className="flex flex-col gap-6">
        <Section id="email-envelope" title="Envelope">
          <DescriptionList
            items={[
              { term: "To", value: message.to },
              { term: "Kind", value: message.kind },
              {
                term: "User",
                value: message.user_id ? (
                  <Link href={`/dashboard/users/${encodeURIComponent(message.user_id)}`} className="underline">
                    {message.user_id}
                  </Link>
                ) : (
                  "—"
                ),
              },
              { term: "Created", value: formatEventTime(message.created_at.toISOString()) },
              { term: "Sent", value: message.sent_at ? formatEventTime(message.sent_at.toISOString()) : "Not sent" },
              ...(message.error ? [{ term: "Error", value: message.error }] : []),
            ]}
          />
        </Section>
        <Section id="email-text" title="Text">
          <pre className="overflow-auto rounded-md bg-slate-100 p-3 text-sm whitespace-pre-wrap dark:bg-slate-950" data-testid="email-text">
            {message.text}
          </pre>
        </Section>
        <Section id="email-html" title="HTML">
          <iframe title="The email's HTML version" sandbox="" srcDoc={message.html} className="h-[28rem] w-full rounded-md border border-slate-200 bg-white dark:border-slate-800" />
        </Section>
      </div>
    </>
  );
}
