// /dashboard/applications: every application, and a form to create one.
import type { Metadata } from "next";
import Link from "next/link";
import { Badge, EmptyState, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { operatorActor, requireOperator } from "@/lib/dashboard/require-operator.ts";
import { listClients } from "@/lib/services/clients/list-clients.ts";
import { CreateApplicationForm } from "./create-application-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Applications" };

export default async function ApplicationsPage() {
  const operator = await requireOperator("/dashboard/applications");
  const db = await ready();
  const { rows, total } = await listClients(db, { skip: 0, take: 100, withTotal: true }, operatorActor(operator));
  return (
    <>
      <PageHeader title="Applications" description={`${total ?? rows.length} application${total === 1 ? "" : "s"}. Callbacks, logout URLs, web origins, grant types, connections and secrets.`} />
      <div className="flex flex-col gap-6">
        <Section id="applications-list" title="All applications">
          {rows.length === 0 ? (
            <EmptyState title="No applications yet">Create one below to let users sign in to it.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="applications-list">
              {rows.map((row) => (
                <li key={row.client_id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5">
                  <Link href={`/dashboard/applications/${encodeURIComponent(row.client_id)}`} className="font-semibold hover:underline">
                    {row.name}
                  </Link>
                  <Badge>{row.app_type ?? "unset"}</Badge>
                  {row.is_system && <Badge tone="warning">Gatehouse</Badge>}
                  <code className="ml-auto text-xs text-slate-500 dark:text-slate-400">{row.client_id}</code>
                </li>
              ))}
            </ul>
          )}
          {(total ?? 0) > rows.length && <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Showing the first {rows.length}.</p>}
        </Section>
        <Section id="create-application" title="Create an application">
          <CreateApplicationForm csrfToken={await dashboardCsrfToken()} />
        </Section>
      </div>
    </>
  );
}
