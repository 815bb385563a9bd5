// /dashboard/apis/[id]: the API's settings (token lifetime, RBAC, offline access, consent) and scopes.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { requireOperator } from "@/lib/dashboard/require-operator.ts";
import { findResourceServerRow } from "@/lib/services/resource-servers/get-resource-server.ts";
import { presentResourceServer } from "@/lib/services/resource-servers/present-resource-server.ts";
import { ApiSettingsForm } from "./api-settings-form.tsx";
import { ApiScopesForm } from "./api-scopes-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API" };

export default async function ApiPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireOperator(`/dashboard/apis/${encodeURIComponent(id)}`);
  const db = await ready();
  const row = await findResourceServerRow(db, id);
  if (!row) notFound();
  const api = presentResourceServer(row);
  const csrfToken = await dashboardCsrfToken();
  return (
    <>
      <PageHeader
        breadcrumb={<Link href="/dashboard/apis" className="hover:underline">APIs</Link>}
        title={row.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <code className="text-xs break-all">{row.identifier}</code>
            {row.is_system && <Badge tone="warning">Managed by Gatehouse: only the token lifetime and consent can change</Badge>}
          </span>
        }
      />
      <div className="flex flex-col gap-6">
        <Section id="api-settings" title="Settings">
          <ApiSettingsForm csrfToken={csrfToken} id={row.id} api={api} system={row.is_system} />
        </Section>
        <Section id="api-scopes" title="Scopes" description="The permissions this API defines; with RBAC, users get them through roles.">
          <ApiScopesForm csrfToken={csrfToken} id={row.id} scopes={(row.scopes as { value: string; description?: string }[]) ?? []} readOnly={row.is_system} />
        </Section>
      </div>
    </>
  );
}
