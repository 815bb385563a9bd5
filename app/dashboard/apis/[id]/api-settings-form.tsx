"use client";
// API settings, validated with the API's resourceServerUpdateSchema.
import { useForm } from "react-hook-form";
import { CheckboxField } from "@/components/dashboard/config/checkbox-field.tsx";
import { schemaResolver } from "@/components/dashboard/config/schema-resolver.ts";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { SelectField, TextField } from "@/components/dashboard/ui/field.tsx";
import { resourceServerUpdateSchema } from "@/lib/schemas/resource-servers.ts";
import { updateApiAction } from "../actions.ts";

type Values = {
  name: string;
  token_lifetime: string;
  enforce_policies: boolean;
  token_dialect: string;
  allow_offline_access: boolean;
  skip_consent_for_verifiable_first_party_clients: boolean;
};

const DIALECTS = [
  ["access_token", "Auth0 (access_token)"],
  ["access_token_authz", "Auth0 with permissions (access_token_authz)"],
  ["rfc9068_profile", "RFC 9068"],
  ["rfc9068_profile_authz", "RFC 9068 with permissions"],
] as const;

const asNumber = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));

export function ApiSettingsForm({ csrfToken, id, api, system }: { csrfToken: string; id: string; api: Record<string, unknown>; system: boolean }) {
  const { pending, run } = useDashboardAction();
  const toPayload = (v: Values) =>
    system
      ? { token_lifetime: asNumber(v.token_lifetime), skip_consent_for_verifiable_first_party_clients: v.skip_consent_for_verifiable_first_party_clients }
      : {
          name: v.name,
          token_lifetime: asNumber(v.token_lifetime),
          enforce_policies: v.enforce_policies,
          token_dialect: v.token_dialect,
          allow_offline_access: v.allow_offline_access,
          skip_consent_for_verifiable_first_party_clients: v.skip_consent_for_verifiable_first_party_clients,
        };
  const form = useForm<Values>({
    resolver: schemaResolver<Values>(resourceServerUpdateSchema, toPayload),
    defaultValues: {
      name: String(api.name ?? ""),
      token_lifetime: String(api.token_lifetime ?? 86400),
      enforce_policies: api.enforce_policies === true,
      token_dialect: String(api.token_dialect ?? "access_token"),
      allow_offline_access: api.allow_offline_access === true,
      skip_consent_for_verifiable_first_party_clients: api.skip_consent_for_verifiable_first_party_clients === true,
    },
  });
  const { errors } = form.formState;
  return (
    <form
      noValidate
      aria-label="API settings"
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit((values) =>
        run(() => updateApiAction(csrfToken, id, toPayload(values)), {
          onSuccess: () => form.reset(values),
          onError: (r) => Object.entries(r.fieldErrors ?? {}).forEach(([k, m]) => form.setError(k as keyof Values, { message: m })),
        }),
      )}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <TextField label="Name" disabled={system} {...form.register("name")} error={errors.name?.message} />
        <TextField label="Access token lifetime (seconds)" inputMode="numeric" {...form.register("token_lifetime")} error={errors.token_lifetime?.message} />
        <SelectField label="Token dialect" disabled={system} {...form.register("token_dialect")} error={errors.token_dialect?.message}>
          {DIALECTS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">RBAC and access</legend>
        <CheckboxField label="Enable RBAC" hint="Access tokens get only the scopes the user holds through roles or direct permissions." disabled={system} {...form.register("enforce_policies")} />
        <CheckboxField label="Allow offline access" hint="Applications may get refresh tokens for this API." disabled={system} {...form.register("allow_offline_access")} />
        <CheckboxField label="Skip consent for verifiable first-party applications" {...form.register("skip_consent_for_verifiable_first_party_clients")} />
      </fieldset>
      <div>
        <DashboardButton type="submit" pending={pending} pendingLabel="Saving…">
          Save settings
        </DashboardButton>
      </div>
    </form>
  );
}
