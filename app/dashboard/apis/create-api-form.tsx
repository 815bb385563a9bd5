"use client";
import { useForm } from "react-hook-form";
import { schemaResolver } from "@/components/dashboard/config/schema-resolver.ts";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { TextField } from "@/components/dashboard/ui/field.tsx";
import { resourceServerCreateSchema } from "@/lib/schemas/resource-servers.ts";
import { createApiAction } from "./actions.ts";

type Values = { name: string; identifier: string };

export function CreateApiForm({ csrfToken }: { csrfToken: string }) {
  const { pending, run } = useDashboardAction();
  const form = useForm<Values>({ resolver: schemaResolver<Values>(resourceServerCreateSchema, (v) => v), defaultValues: { name: "", identifier: "" } });
  const { errors } = form.formState;
  return (
    <form
      noValidate
      className="grid grid-cols-1 items-end gap-4 md:grid-cols-[1fr_1fr_auto]"
      onSubmit={form.handleSubmit((values) => run(() => createApiAction(csrfToken, values), { onError: (r) => Object.entries(r.fieldErrors ?? {}).forEach(([k, m]) => form.setError(k as keyof Values, { message: m })) }))}
    >
      <TextField label="Name" {...form.register("name")} error={errors.name?.message} autoComplete="off" />
      <TextField label="Identifier (audience)" placeholder="https://api.example.com/" hint="Cannot be changed later." {...form.register("identifier")} error={errors.identifier?.message} autoComplete="off" />
      <DashboardButton type="submit" pending={pending} pendingLabel="Creating…">
        Create
      </DashboardButton>
    </form>
  );
}
