"use client";
// Application settings, validated with the API's clientUpdateSchema (callbacks etc. one per line).
import { useForm } from "react-hook-form";
import { CheckboxField } from "@/components/dashboard/config/checkbox-field.tsx";
import { linesToList, listToLines, schemaResolver } from "@/components/dashboard/config/schema-resolver.ts";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { TextAreaField, TextField } from "@/components/dashboard/ui/field.tsx";
import { clientUpdateSchema } from "@/lib/schemas/clients.ts";
import { updateApplicationAction } from "../actions.ts";

const GRANT_TYPES = [
  ["authorization_code", "Authorization code"],
  ["refresh_token", "Refresh token"],
  ["client_credentials", "Client credentials"],
  ["password", "Password"],
  ["http://auth0.com/oauth/grant-type/password-realm", "Password (realm)"],
  ["implicit", "Implicit"],
] as const;

type Values = { name: string; description: string; callbacks: string; allowed_logout_urls: string; web_origins: string; grant_types: string[] };

function toPayload(v: Values) {
  return {
    name: v.name,
    description: v.description,
    callbacks: linesToList(v.callbacks),
    allowed_logout_urls: linesToList(v.allowed_logout_urls),
    web_origins: linesToList(v.web_origins),
    grant_types: v.grant_types,
  };
}

export function ApplicationSettingsForm({ csrfToken, clientId, client }: { csrfToken: string; clientId: string; client: Record<string, unknown> }) {
  const { pending, run } = useDashboardAction();
  const form = useForm<Values>({
    resolver: schemaResolver<Values>(clientUpdateSchema, toPayload),
    defaultValues: {
      name: String(client.name ?? ""),
      description: String(client.description ?? ""),
      callbacks: listToLines(client.callbacks),
      allowed_logout_urls: listToLines(client.allowed_logout_urls),
      web_origins: listToLines(client.web_origins),
      grant_types: (client.grant_types as string[] | undefined) ?? [],
    },
  });
  const { errors, isDirty } = form.formState;
  return (
    <form
      noValidate
      aria-label="Application settings"
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit((values) =>
        run(() => updateApplicationAction(csrfToken, clientId, toPayload(values)), {
          onSuccess: () => form.reset(values),
          onError: (r) => Object.entries(r.fieldErrors ?? {}).forEach(([k, m]) => form.setError(k as keyof Values, { message: m })),
        }),
      )}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <TextField label="Name" {...form.register("name")} error={errors.name?.message} />
        <TextField label="Description" {...form.register("description")} error={errors.description?.message} />
      </div>
      <TextAreaField label="Allowed callback URLs" rows={3} hint="One per line. Where users are sent back after signing in." {...form.register("callbacks")} error={errors.callbacks?.message} />
      <TextAreaField label="Allowed logout URLs" rows={2} hint="One per line." {...form.register("allowed_logout_urls")} error={errors.allowed_logout_urls?.message} />
      <TextAreaField label="Allowed web origins" rows={2} hint="One per line (scheme://host[:port])." {...form.register("web_origins")} error={errors.web_origins?.message} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Grant types</legend>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {GRANT_TYPES.map(([value, label]) => (
            <CheckboxField key={value} label={label} value={value} {...form.register("grant_types")} />
          ))}
        </div>
        {errors.grant_types?.message && <p className="text-sm text-red-700 dark:text-red-400">⚠ {errors.grant_types.message}</p>}
      </fieldset>
      <div className="flex items-center gap-3">
        <DashboardButton type="submit" pending={pending} pendingLabel="Saving…">
          Save settings
        </DashboardButton>
        {isDirty && <span className="text-xs text-slate-600 dark:text-slate-400">Unsaved changes</span>}
      </div>
    </form>
  );
}
