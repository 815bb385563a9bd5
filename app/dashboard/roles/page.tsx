// /dashboard/roles: every role, and a form to create one.
import type { Metadata } from "next";
import Link from "next/link";
import { Badge, EmptyState, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { operatorActor, requireOperator } from "@/lib/dashboard/require-operator.ts";
import { listRoles } from "@/lib/services/roles/list-roles.ts";
import { CreateRoleForm } from "./create-role-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage() {
  const operator = await requireOperator("/dashboard/roles");
  const db = await ready();
  const { roles, total } = await listRoles(db, { skip: 0, take: 100 }, operatorActor(operator));
  const system = new Set((await db.role.findMany({ where: { is_system: true }, select: { id: true } })).map((r) => r.id));
  return (
    <>
      <PageHeader title="Roles" description={`${total} role${total === 1 ? "" : "s"}. A role groups permissions of your APIs; users get them by holding the role.`} />
      <div className="flex flex-col gap-6">
        <Section id="roles-list" title="All roles">
          {roles.length === 0 ? (
            <EmptyState title="No roles yet">Create one below, then add permissions to it.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="roles-list">
              {roles.map((role) => (
                <li key={String(role.id)} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5">
                  <Link href={`/dashboard/roles/${encodeURIComponent(String(role.id))}`} className="font-semibold hover:underline">
                    {String(role.name)}
                  </Link>
                  {system.has(String(role.id)) && <Badge tone="warning">Gatehouse</Badge>}
                  <span className="min-w-0 flex-1 truncate text-sm text-slate-600 dark:text-slate-400">{String(role.description ?? "")}</span>
                </li>
              ))}
            </ul>
          )}
          {total > roles.length && <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Showing the first {roles.length}.</p>}
        </Section>
        <Section id="create-role" title="Create a role">
          <CreateRoleForm csrfToken={await dashboardCsrfToken()} />
        </Section>
      </div>
    </>
  );
}
