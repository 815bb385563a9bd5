// /dashboard/roles/[id]: the role's name and description, its permissions, deletion.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { operatorActor, requireOperator } from "@/lib/dashboard/require-operator.ts";
import { listRolePermissions } from "@/lib/services/roles/list-role-permissions.ts";
import { RoleDeleteButton, RoleSettingsForm } from "./role-settings-form.tsx";
import { RolePermissions } from "./role-permissions.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Role" };

export default async function RolePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const operator = await requireOperator(`/dashboard/roles/${encodeURIComponent(id)}`);
  const db = await ready();
  const role = await db.role.findUnique({ where: { id } });
  if (!role) notFound();
  const [{ permissions }, apis, holders, csrfToken] = await Promise.all([
    listRolePermissions(db, id, { skip: 0, take: 1000 }, operatorActor(operator)),
    db.resourceServer.findMany({ where: { is_system: false }, select: { identifier: true, name: true, scopes: true }, orderBy: { name: "asc" } }),
    db.userRole.count({ where: { role_id: id } }),
    dashboardCsrfToken(),
  ]);
  return (
    <>
      <PageHeader
        breadcrumb={<Link href="/dashboard/roles" className="hover:underline">Roles</Link>}
        title={role.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <code className="text-xs">{role.id}</code>
            <Badge>{holders} user{holders === 1 ? "" : "s"}</Badge>
            {role.is_system && <Badge tone="warning">Managed by Gatehouse: cannot be renamed or deleted</Badge>}
          </span>
        }
        actions={role.is_system ? undefined : <RoleDeleteButton csrfToken={csrfToken} id={role.id} name={role.name} />}
      />
      <div className="flex flex-col gap-6">
        <Section id="role-settings" title="Settings">
          <RoleSettingsForm csrfToken={csrfToken} id={role.id} name={role.name} description={role.description ?? ""} readOnly={role.is_system} />
        </Section>
        <Section id="role-permissions" title="Permissions">
          <RolePermissions
            csrfToken={csrfToken}
            id={role.id}
            permissions={permissions}
            apis={apis.map((api) => ({ identifier: api.identifier, name: api.name, scopes: ((api.scopes as { value: string }[]) ?? []).map((s) => s.value) }))}
          />
        </Section>
      </div>
    </>
  );
}
