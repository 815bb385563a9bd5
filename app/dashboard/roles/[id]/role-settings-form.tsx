"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { schemaResolver } from "@/components/dashboard/config/schema-resolver.ts";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { TextField } from "@/components/dashboard/ui/field.tsx";
import { roleUpdateSchema } from "@/lib/schemas/roles.ts";
import { deleteRoleAction, updateRoleAction } from "../actions.ts";

type Values = { name: string; description: string };
const toPayload = (v: Values) => ({ name: v.name, description: v.description.trim() ? v.description : null });

export function RoleSettingsForm({ csrfToken, id, name, description, readOnly }: { csrfToken: string; id: string; name: string; description: string; readOnly: boolean }) {
  const { pending, run } = useDashboardAction();
  const form = useForm<Values>({ resolver: schemaResolver<Values>(roleUpdateSchema, toPayload), defaultValues: { name, description } });
  const { errors } = form.formState;
  return (
    <form
      noValidate
      aria-label="Role settings"
      className="grid grid-cols-1 items-end gap-4 md:grid-cols-[1fr_2fr_auto]"
      onSubmit={form.handleSubmit((values) =>
        run(() => updateRoleAction(csrfToken, id, toPayload(values)), {
          onSuccess: () => form.reset(values),
          onError: (r) => Object.entries(r.fieldErrors ?? {}).forEach(([k, m]) => form.setError(k as keyof Values, { message: m })),
        }),
      )}
    >
      <TextField label="Name" disabled={readOnly} {...form.register("name")} error={errors.name?.message} />
      <TextField label="Description" {...form.register("description")} error={errors.description?.message} />
      <DashboardButton type="submit" pending={pending} pendingLabel="Saving…">
        Save
      </DashboardButton>
    </form>
  );
}

/** Deletion, confirmed by typing the role's name. */
export function RoleDeleteButton({ csrfToken, id, name }: { csrfToken: string; id: string; name: string }) {
  const { pending, run } = useDashboardAction();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  if (!open)
    return (
      <DashboardButton variant="danger" onClick={() => setOpen(true)}>
        Delete role…
      </DashboardButton>
    );
  return (
    <div role="group" aria-label="Confirm deletion" className="flex flex-wrap items-end gap-2 rounded-md border border-red-200 bg-red-50 p-2 dark:border-red-900 dark:bg-red-950">
      <TextField name="confirm-role-name" label={`Type ${name} to delete it; its users lose its permissions.`} value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
      <DashboardButton variant="danger" disabled={typed !== name} pending={pending} pendingLabel="Deleting…" onClick={() => run(() => deleteRoleAction(csrfToken, id))}>
        Delete
      </DashboardButton>
      <DashboardButton variant="ghost" onClick={() => setOpen(false)}>
        Cancel
      </DashboardButton>
    </div>
  );
}
