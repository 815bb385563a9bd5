"use client";
// Assign a role, or a direct permission (an API's scope), to the user.
import { useMemo, useState } from "react";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { SelectField } from "@/components/dashboard/ui/field.tsx";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { assignPermissionAction, assignRoleAction } from "./actions.ts";

export function AssignRoleForm({ csrfToken, userId, roles }: { csrfToken: string; userId: string; roles: { id: string; name: string }[] }) {
  const [roleId, setRoleId] = useState("");
  const { run, pending } = useDashboardAction();
  if (roles.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Every role is already assigned, or no roles exist yet.</p>;
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (roleId) void run(() => assignRoleAction(csrfToken, userId, roleId), { onSuccess: () => setRoleId("") });
      }}
    >
      <SelectField name="role" label="Role" value={roleId} onChange={(e) => setRoleId(e.target.value)} className="min-w-56">
        <option value="">Choose a role…</option>
        {roles.map((role) => (
          <option key={role.id} value={role.id}>
            {role.name}
          </option>
        ))}
      </SelectField>
      <DashboardButton type="submit" size="md" disabled={!roleId} pending={pending} pendingLabel="Assigning…">
        Assign role
      </DashboardButton>
    </form>
  );
}

export function AssignPermissionForm({ csrfToken, userId, apis }: { csrfToken: string; userId: string; apis: { identifier: string; name: string; scopes: string[] }[] }) {
  const [audience, setAudience] = useState("");
  const [permission, setPermission] = useState("");
  const { run, pending } = useDashboardAction();
  const scopes = useMemo(() => apis.find((a) => a.identifier === audience)?.scopes ?? [], [apis, audience]);
  if (apis.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No API defines permissions yet.</p>;
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (audience && permission) void run(() => assignPermissionAction(csrfToken, userId, audience, permission), { onSuccess: () => setPermission("") });
      }}
    >
      <SelectField name="api" label="API" value={audience} onChange={(e) => (setAudience(e.target.value), setPermission(""))} className="min-w-56">
        <option value="">Choose an API…</option>
        {apis.map((api) => (
          <option key={api.identifier} value={api.identifier}>
            {api.name}
          </option>
        ))}
      </SelectField>
      <SelectField name="permission" label="Permission" value={permission} onChange={(e) => setPermission(e.target.value)} disabled={!audience} className="min-w-56">
        <option value="">Choose a permission…</option>
        {scopes.map((scope) => (
          <option key={scope} value={scope}>
            {scope}
          </option>
        ))}
      </SelectField>
      <DashboardButton type="submit" disabled={!audience || !permission} pending={pending} pendingLabel="Assigning…">
        Assign permission
      </DashboardButton>
    </form>
  );
}
