// /dashboard/connections/[id]: password policy, brute-force protection, sign-up.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { requireOperator } from "@/lib/dashboard/require-operator.ts";
import { ConnectionSettingsForm } from "./connection-settings-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Connection" };

export default async function ConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireOperator(`/dashboard/connections/${encodeURIComponent(id)}`);
  const db = await ready();
  const row = await db.connection.findUnique({ where: { id } });
  if (!row) notFound();
  return (
    <>
      <PageHeader
        breadcrumb={<Link href="/dashboard/connections" className="hover:underline">Connections</Link>}
        title={row.display_name ?? row.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <code className="text-xs">{row.name}</code>
            <Badge>{row.strategy}</Badge>
            {row.is_system && <Badge tone="warning">The operators&apos; connection: sign-up stays disabled</Badge>}
          </span>
        }
      />
      <Section id="connection-settings" title="Settings">
        {row.strategy === "auth0" ? (
          <ConnectionSettingsForm csrfToken={await dashboardCsrfToken()} id={row.id} displayName={row.display_name ?? ""} options={(row.options ?? {}) as Record<string, unknown>} />
        ) : (
          <p className="text-sm">Only database connections can be configured here.</p>
        )}
      </Section>
    </>
  );
}
