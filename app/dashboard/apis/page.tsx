// /dashboard/apis: every API (resource server), and a form to create one.
import type { Metadata } from "next";
import Link from "next/link";
import { Badge, EmptyState, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { operatorActor, requireOperator } from "@/lib/dashboard/require-operator.ts";
import { listResourceServers } from "@/lib/services/resource-servers/list-resource-servers.ts";
import { CreateApiForm } from "./create-api-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "APIs" };

export default async function ApisPage() {
  const operator = await requireOperator("/dashboard/apis");
  const db = await ready();
  // Only names, identifiers and flags are rendered: no signing secret reaches the page.
  const { resourceServers, total } = await listResourceServers(db, { skip: 0, take: 100, withTotal: true }, operatorActor(operator));
  return (
    <>
      <PageHeader title="APIs" description={`${total ?? resourceServers.length} API${total === 1 ? "" : "s"}: the audiences access tokens are issued for, their scopes and RBAC settings.`} />
      <div className="flex flex-col gap-6">
        <Section id="apis-list" title="All APIs">
          {resourceServers.length === 0 ? (
            <EmptyState title="No APIs yet">Create one below.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="apis-list">
              {resourceServers.map((api) => (
                <li key={String(api.id)} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5">
                  <Link href={`/dashboard/apis/${encodeURIComponent(String(api.id))}`} className="font-semibold hover:underline">
                    {String(api.name)}
                  </Link>
                  {api.is_system ? <Badge tone="warning">Gatehouse</Badge> : null}
                  {api.enforce_policies ? <Badge tone="success">RBAC</Badge> : null}
                  <code className="ml-auto text-xs break-all text-slate-500 dark:text-slate-400">{String(api.identifier)}</code>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section id="create-api" title="Create an API">
          <CreateApiForm csrfToken={await dashboardCsrfToken()} />
        </Section>
      </div>
    </>
  );
}
