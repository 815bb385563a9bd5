"use client";
// A database connection's settings. `options` replaces the stored options as a whole (Auth0's
// PATCH), so the edited fields are merged into the current options before validation with the
// API's connectionUpdateSchema.
import { useForm } from "react-hook-form";
import { CheckboxField } from "@/components/dashboard/config/checkbox-field.tsx";
import { schemaResolver } from "@/components/dashboard/config/schema-resolver.ts";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { SelectField, TextField } from "@/components/dashboard/ui/field.tsx";
import { connectionUpdateSchema } from "@/lib/schemas/connections.ts";
import { updateConnectionAction } from "../actions.ts";

type Values = {
  display_name: string;
  passwordPolicy: string;
  min_length: string;
  history_enable: boolean;
  history_size: string;
  no_personal_info: boolean;
  dictionary: boolean;
  brute_force_protection: boolean;
  disable_signup: boolean;
};

const POLICIES = [
  ["none", "None: at least 1 character"],
  ["low", "Low: at least 6 characters"],
  ["fair", "Fair: 8+, lower and upper case and numbers"],
  ["good", "Good: 8+, three of four character kinds"],
  ["excellent", "Excellent: 10+, no more than 2 identical characters in a row"],
] as const;

const num = (value: string) => (value.trim() === "" ? undefined : Number(value));

export function ConnectionSettingsForm({ csrfToken, id, displayName, options }: { csrfToken: string; id: string; displayName: string; options: Record<string, unknown> }) {
  const { pending, run } = useDashboardAction();
  const toPayload = (v: Values) => {
    const minLength = num(v.min_length);
    const historySize = num(v.history_size);
    return {
      display_name: v.display_name,
      options: {
        ...options,
        passwordPolicy: v.passwordPolicy,
        password_complexity_options: minLength === undefined ? null : { min_length: minLength },
        password_history: { enable: v.history_enable, ...(historySize === undefined ? {} : { size: historySize }) },
        password_no_personal_info: { enable: v.no_personal_info },
        password_dictionary: { ...((options.password_dictionary as object | null) ?? {}), enable: v.dictionary },
        brute_force_protection: v.brute_force_protection,
        disable_signup: v.disable_signup,
      },
    };
  };
  const fieldFor = (path: PropertyKey[]) => {
    const [top, key] = path.map(String);
    if (top !== "options") return top ?? "root";
    return ({ password_complexity_options: "min_length", password_history: "history_size", password_no_personal_info: "no_personal_info", password_dictionary: "dictionary" } as Record<string, string>)[key ?? ""] ?? key ?? "root";
  };
  const history = options.password_history as { enable?: boolean; size?: number } | null | undefined;
  const form = useForm<Values>({
    resolver: schemaResolver<Values>(connectionUpdateSchema, toPayload, fieldFor),
    defaultValues: {
      display_name: displayName,
      passwordPolicy: String(options.passwordPolicy ?? "none"),
      min_length: String((options.password_complexity_options as { min_length?: number } | null)?.min_length ?? ""),
      history_enable: history?.enable === true,
      history_size: String(history?.size ?? ""),
      no_personal_info: (options.password_no_personal_info as { enable?: boolean } | null)?.enable === true,
      dictionary: (options.password_dictionary as { enable?: boolean } | null)?.enable === true,
      brute_force_protection: options.brute_force_protection !== false,
      disable_signup: options.disable_signup === true,
    },
  });
  const { errors } = form.formState;
  return (
    <form
      noValidate
      aria-label="Connection settings"
      className="flex flex-col gap-5"
      onSubmit={form.handleSubmit((values) =>
        run(() => updateConnectionAction(csrfToken, id, toPayload(values)), {
          onSuccess: () => form.reset(values),
          onError: (r) => Object.entries(r.fieldErrors ?? {}).forEach(([k, m]) => form.setError((k in values ? k : "root") as keyof Values, { message: m })),
        }),
      )}
    >
      <TextField label="Display name" {...form.register("display_name")} error={errors.display_name?.message} />
      <fieldset className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Password policy</legend>
        <SelectField label="Strength" {...form.register("passwordPolicy")} error={errors.passwordPolicy?.message}>
          {POLICIES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField label="Minimum length" inputMode="numeric" hint="Optional; overrides the strength's minimum (at most 72)." {...form.register("min_length", { setValueAs: (v: string) => v })} error={errors.min_length?.message} />
        <CheckboxField label="Password history" hint="Refuse the last passwords the user had." {...form.register("history_enable")} />
        <TextField label="Passwords remembered" inputMode="numeric" hint="1 to 24 (default 5)." {...form.register("history_size")} error={errors.history_size?.message} />
        <CheckboxField label="No personal information" hint="Refuse passwords containing the user's name, email or username." {...form.register("no_personal_info")} />
        <CheckboxField label="Password dictionary" hint="Refuse the 10,000 most common passwords." {...form.register("dictionary")} />
      </fieldset>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-semibold">Protection and sign-up</legend>
        <CheckboxField label="Brute-force protection" hint="Block sign-in for an account after repeated failed logins from one IP address (attack protection settings)." {...form.register("brute_force_protection")} />
        <CheckboxField label="Disable sign-ups" hint="Only operators and the Management API can create users." {...form.register("disable_signup")} />
      </fieldset>
      {errors.root?.message && <p className="text-sm text-red-700 dark:text-red-400">⚠ {errors.root.message}</p>}
      <div>
        <DashboardButton type="submit" pending={pending} pendingLabel="Saving…">
          Save connection
        </DashboardButton>
      </div>
    </form>
  );
}
