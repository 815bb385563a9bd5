"use client";
// The API's scopes: add, edit descriptions, remove; saved as one PATCH of `scopes`
// (resourceServerScopesSchema through resourceServerUpdateSchema).
import { useFieldArray, useForm } from "react-hook-form";
import { schemaResolver } from "@/components/dashboard/config/schema-resolver.ts";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { TextField } from "@/components/dashboard/ui/field.tsx";
import { EmptyState } from "@/components/dashboard/ui/layout-parts.tsx";
import { resourceServerUpdateSchema } from "@/lib/schemas/resource-servers.ts";
import { updateApiAction } from "../actions.ts";

type Values = { scopes: { value: string; description: string }[] };

const toPayload = (v: Values) => ({ scopes: v.scopes.map((s) => ({ value: s.value.trim(), ...(s.description.trim() ? { description: s.description.trim() } : {}) })) });

export function ApiScopesForm({ csrfToken, id, scopes, readOnly }: { csrfToken: string; id: string; scopes: { value: string; description?: string }[]; readOnly: boolean }) {
  const { pending, run } = useDashboardAction();
  const form = useForm<Values>({
    resolver: schemaResolver<Values>(resourceServerUpdateSchema, toPayload, (path) => (path[0] === "scopes" && typeof path[1] === "number" ? `scopes.${path[1]}.${String(path[2] ?? "value")}` : String(path[0]))),
    defaultValues: { scopes: scopes.map((s) => ({ value: s.value, description: s.description ?? "" })) },
  });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "scopes" });
  const errors = form.formState.errors.scopes;
  if (readOnly)
    return (
      <ul className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-2" data-testid="scopes-readonly">
        {scopes.map((s) => (
          <li key={s.value}>
            <code>{s.value}</code> <span className="text-slate-600 dark:text-slate-400">{s.description}</span>
          </li>
        ))}
      </ul>
    );
  return (
    <form
      noValidate
      aria-label="Scopes"
      className="flex flex-col gap-3"
      onSubmit={form.handleSubmit((values) => run(() => updateApiAction(csrfToken, id, toPayload(values)), { onSuccess: () => form.reset(values) }))}
    >
      {fields.length === 0 && <EmptyState title="No scopes">Add the permissions this API understands, e.g. read:orders.</EmptyState>}
      {fields.map((field, index) => (
        <div key={field.id} className="grid grid-cols-1 items-end gap-2 sm:grid-cols-[1fr_2fr_auto]">
          <TextField id={`scope-${index}-value`} label={`Scope ${index + 1}`} placeholder="read:orders" {...form.register(`scopes.${index}.value`)} error={errors?.[index]?.value?.message} />
          <TextField id={`scope-${index}-description`} label="Description" {...form.register(`scopes.${index}.description`)} error={errors?.[index]?.description?.message} />
          <DashboardButton variant="ghost" onClick={() => remove(index)} aria-label={`Remove scope ${index + 1}`}>
            Remove
          </DashboardButton>
        </div>
      ))}
      {errors?.message && <p className="text-sm text-red-700 dark:text-red-400">⚠ {errors.message}</p>}
      <div className="flex gap-2">
        <DashboardButton variant="secondary" onClick={() => append({ value: "", description: "" })}>
          Add a scope
        </DashboardButton>
        <DashboardButton type="submit" pending={pending} pendingLabel="Saving…">
          Save scopes
        </DashboardButton>
      </div>
    </form>
  );
}
