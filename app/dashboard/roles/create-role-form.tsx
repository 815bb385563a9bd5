"use client";
import { useForm } from "react-hook-form";
import { schemaResolver } from "@/components/dashboard/config/schema-resolver.ts";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { TextField } from "@/components/dashboard/ui/field.tsx";
import { roleCreateSchema } from "@/lib/schemas/roles.ts";
import { createRoleAction } from "./actions.ts";

type Values = { name: string; description: string };
const toPayload = (v: Values) => ({ name: v.name, ...(v.description.trim() ? { description: v.description } : {}) });

export function CreateRoleForm({ csrfToken }: { csrfToken: string }) {
  const { pending, run } = useDashboardAction();
  const form = useForm<Values>({ resolver: schemaResolver<Values>(roleCreateSchema, toPayload), defaultValues: { name: "", description: "" } });
  const { errors } = form.formState;
  return (
    <form
      noValidate
      aria-label="Create a role"
      className="grid grid-cols-1 items-end gap-4 md:grid-cols-[1fr_2fr_auto]"
      onSubmit={form.handleSubmit((values) => run(() => createRoleAction(csrfToken, toPayload(values)), { onError: (r) => Object.entries(r.fieldErrors ?? {}).forEach(([k, m]) => form.setError(k as keyof Values, { message: m })) }))}
    >
      <TextField label="Name" {...form.register("name")} error={errors.name?.message} autoComplete="off" />
      <TextField label="Description" {...form.register("description")} error={errors.description?.message} autoComplete="off" />
      <DashboardButton type="submit" pending={pending} pendingLabel="Creating…">
        Create
      </DashboardButton>
    </form>
  );
}
