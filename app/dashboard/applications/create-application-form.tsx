"use client";
import { useForm } from "react-hook-form";
import { schemaResolver } from "@/components/dashboard/config/schema-resolver.ts";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { SelectField, TextField } from "@/components/dashboard/ui/field.tsx";
import { clientCreateSchema } from "@/lib/schemas/clients.ts";
import { createApplicationAction } from "./actions.ts";

type Values = { name: string; app_type: string };
const TYPES = [
  ["regular_web", "Regular web application"],
  ["spa", "Single-page application"],
  ["native", "Native application"],
  ["non_interactive", "Machine to machine"],
] as const;

export function CreateApplicationForm({ csrfToken }: { csrfToken: string }) {
  const { pending, run } = useDashboardAction();
  const form = useForm<Values>({ resolver: schemaResolver<Values>(clientCreateSchema, (v) => v), defaultValues: { name: "", app_type: "regular_web" } });
  const { errors } = form.formState;
  return (
    <form
      noValidate
      className="grid grid-cols-1 items-end gap-4 md:grid-cols-[1fr_16rem_auto]"
      onSubmit={form.handleSubmit((values) => run(() => createApplicationAction(csrfToken, values), { onError: (r) => Object.entries(r.fieldErrors ?? {}).forEach(([k, m]) => form.setError(k as keyof Values, { message: m })) }))}
    >
      <TextField label="Name" {...form.register("name")} error={errors.name?.message} autoComplete="off" />
      <SelectField label="Type" {...form.register("app_type")} error={errors.app_type?.message}>
        {TYPES.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <DashboardButton type="submit" pending={pending} pendingLabel="Creating…">
        Create
      </DashboardButton>
    </form>
  );
}
