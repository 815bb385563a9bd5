"use client";
// The role's permissions: the list with "Remove", and "Add" choosing an API and one of its scopes.
import { useForm } from "react-hook-form";
import { schemaResolver } from "@/components/dashboard/config/schema-resolver.ts";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { SelectField } from "@/components/dashboard/ui/field.tsx";
import { EmptyState } from "@/components/dashboard/ui/layout-parts.tsx";
import { rolePermissionsSchema } from "@/lib/schemas/roles.ts";
import type { RolePermissionItem } from "@/lib/services/roles/list-role-permissions.ts";
import { addRolePermissionsAction, removeRolePermissionAction } from "../actions.ts";

type Api = { identifier: string; name: string; scopes: string[] };
type Values = { resource_server_identifier: string; permission_name: string };
const toPayload = (v: Values) => ({ permissions: [{ resource_server_identifier: v.resource_server_identifier, permission_name: v.permission_name }] });

export function RolePermissions({ csrfToken, id, permissions, apis }: { csrfToken: string; id: string; permissions: RolePermissionItem[]; apis: Api[] }) {
  const add = useDashboardAction();
  const remove = useDashboardAction();
  const form = useForm<Values>({
    resolver: schemaResolver<Values>(rolePermissionsSchema, toPayload, (path) => (path[3] === "resource_server_identifier" ? "resource_server_identifier" : "permission_name")),
    defaultValues: { resource_server_identifier: apis[0]?.identifier ?? "", permission_name: "" },
  });
  const selected = apis.find((a) => a.identifier === form.watch("resource_server_identifier"));
  const held = new Set(permissions.map((p) => `${p.resource_server_identifier} ${p.permission_name}`));
  const available = (selected?.scopes ?? []).filter((s) => !held.has(`${selected!.identifier} ${s}`));
  const { errors } = form.formState;
  return (
    <div className="flex flex-col gap-5">
      {permissions.length === 0 ? (
        <EmptyState title="No permissions">Add the API scopes holders of this role should get.</EmptyState>
      ) : (
        <table className="w-full text-left text-sm" data-testid="role-permissions">
          <thead className="text-xs text-slate-600 uppercase dark:text-slate-400">
            <tr>
              <th className="py-2 pr-4">Permission</th>
              <th className="py-2 pr-4">API</th>
              <th className="py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {permissions.map((p) => (
              <tr key={`${p.resource_server_identifier} ${p.permission_name}`}>
                <td className="py-2 pr-4">
                  <code>{p.permission_name}</code>
                  {p.description && <span className="ml-2 text-slate-600 dark:text-slate-400">{p.description}</span>}
                </td>
                <td className="py-2 pr-4 break-all">{p.resource_server_name}</td>
                <td className="py-2 text-right">
                  <DashboardButton
                    size="sm"
                    variant="ghost"
                    pending={remove.pending}
                    aria-label={`Remove ${p.permission_name}`}
                    onClick={() => remove.run(() => removeRolePermissionAction(csrfToken, id, { permissions: [{ resource_server_identifier: p.resource_server_identifier, permission_name: p.permission_name }] }))}
                  >
                    Remove
                  </DashboardButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {apis.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Create an API with scopes first.</p>
      ) : (
        <form
          noValidate
          aria-label="Add a permission"
          className="grid grid-cols-1 items-end gap-4 md:grid-cols-[1fr_1fr_auto]"
          onSubmit={form.handleSubmit((values) => add.run(() => addRolePermissionsAction(csrfToken, id, toPayload(values)), { onSuccess: () => form.setValue("permission_name", "") }))}
        >
          <SelectField label="API" {...form.register("resource_server_identifier")} error={errors.resource_server_identifier?.message}>
            {apis.map((api) => (
              <option key={api.identifier} value={api.identifier}>
                {api.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Permission" {...form.register("permission_name")} error={errors.permission_name?.message}>
            <option value="">{available.length ? "Choose a scope" : "No scopes left to add"}</option>
            {available.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </SelectField>
          <DashboardButton type="submit" pending={add.pending} pendingLabel="Adding…">
            Add permission
          </DashboardButton>
        </form>
      )}
    </div>
  );
}
