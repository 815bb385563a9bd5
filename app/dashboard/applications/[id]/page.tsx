// /dashboard/applications/[id]: settings (callbacks, logout URLs, web origins, grant types),
// enabled connections, and the secret (shown on demand, rotated).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, DescriptionList, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { requireOperator } from "@/lib/dashboard/require-operator.ts";
import { presentClient } from "@/lib/services/clients/present-client.ts";
import { ApplicationSettingsForm } from "./application-settings-form.tsx";
import { ApplicationConnectionsForm } from "./application-connections-form.tsx";
import { ApplicationSecret } from "./application-secret.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Application" };

export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireOperator(`/dashboard/applications/${encodeURIComponent(id)}`);
  const db = await ready();
  const row = await db.client.findUnique({ where: { client_id: id } });
  if (!row) notFound();
  // Presented without the secret: it reaches the browser only through "Show secret".
  const client = presentClient(row);
  const connections = await db.connection.findMany({
    where: { strategy: "auth0" },
    select: { id: true, name: true, is_system: true, clients: { where: { client_id: id }, select: { client_id: true } } },
    orderBy: { created_at: "asc" },
  });
  const csrfToken = await dashboardCsrfToken();
  const confidential = row.token_endpoint_auth_method !== "none";
  return (
    <>
      <PageHeader
        breadcrumb={<Link href="/dashboard/applications" className="hover:underline">Applications</Link>}
        title={row.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge>{row.app_type ?? "type not set"}</Badge>
            {row.is_system && <Badge tone="warning">Managed by Gatehouse</Badge>}
            <code className="text-xs">{row.client_id}</code>
          </span>
        }
      />
      <div className="flex flex-col gap-6">
        <Section id="credentials" title="Credentials">
          <DescriptionList
            items={[
              { term: "Client ID", value: <code data-testid="client-id">{row.client_id}</code> },
              { term: "Authentication", value: row.token_endpoint_auth_method },
              {
                term: "Client secret",
                value: row.is_system ? "Managed by Gatehouse" : confidential ? <ApplicationSecret csrfToken={csrfToken} clientId={row.client_id} /> : "None (a public client)",
              },
            ]}
          />
        </Section>
        <Section id="settings" title="Settings">
          {row.is_system ? (
            // Gatehouse's own application (the dashboard's sign-in): changing its callbacks, grants or
            // secret here could lock every operator out, so the page only shows them.
            <DescriptionList
              items={[
                { term: "Allowed callback URLs", value: ((client.callbacks as string[]) ?? []).join(", ") || "—" },
                { term: "Allowed logout URLs", value: ((client.allowed_logout_urls as string[]) ?? []).join(", ") || "—" },
                { term: "Grant types", value: ((client.grant_types as string[]) ?? []).join(", ") || "—" },
              ]}
            />
          ) : (
            <ApplicationSettingsForm csrfToken={csrfToken} clientId={row.client_id} client={client} />
          )}
        </Section>
        <Section id="connections" title="Connections" description="Database connections users of this application can sign in with.">
          <ApplicationConnectionsForm
            csrfToken={csrfToken}
            clientId={row.client_id}
            connections={connections.filter((c) => !c.is_system).map((c) => ({ id: c.id, name: c.name, enabled: c.clients.length > 0 }))}
          />
        </Section>
      </div>
    </>
  );
}
