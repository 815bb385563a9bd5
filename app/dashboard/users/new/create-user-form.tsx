"use client";
// The "Create user" form: react-hook-form, validated with the API's schema (through
// lib/dashboard/users/create-user-form.ts) before it is sent and again on the server. Live
// password-policy feedback for the chosen connection. On a refusal the typed values stay and the
// first field in error takes focus; on success, a toast and the new user's page.
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { PasswordPolicyFeedback } from "@/components/dashboard/password-policy-feedback.tsx";
import { useToast } from "@/components/dashboard/toast.tsx";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { SelectField, TextAreaField, TextField } from "@/components/dashboard/ui/field.tsx";
import { Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { EMPTY_CREATE_USER_FORM, toCreateUserInput, type CreateUserField, type CreateUserFormValues } from "@/lib/dashboard/users/create-user-form.ts";
import { userHref } from "@/lib/dashboard/users/presented-user.ts";
import type { PasswordPolicyOptions } from "@/lib/passwords/password-policy.ts";
import { createUserAction } from "./actions.ts";

export type ConnectionChoice = { name: string; operators: boolean; requiresUsername: boolean; policy: PasswordPolicyOptions };

const FIELD_ORDER: CreateUserField[] = ["connection", "email", "username", "password", "name", "user_metadata", "app_metadata"];

const resolver: Resolver<CreateUserFormValues> = async (values) => {
  const { errors } = toCreateUserInput(values);
  const entries = Object.entries(errors);
  if (entries.length === 0) return { values, errors: {} };
  return { values: {}, errors: Object.fromEntries(entries.map(([field, message]) => [field, { type: "validate", message }])) };
};

export function CreateUserForm({ csrfToken, connections }: { csrfToken: string; connections: ConnectionChoice[] }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const defaultConnection = connections.find((c) => c.name === "Username-Password-Authentication")?.name ?? connections.find((c) => !c.operators)?.name ?? "";
  const {
    register,
    handleSubmit,
    control,
    setError,
    setFocus,
    formState: { errors },
  } = useForm<CreateUserFormValues>({ resolver, mode: "onSubmit", reValidateMode: "onChange", defaultValues: { ...EMPTY_CREATE_USER_FORM, connection: defaultConnection } });

  const [connectionName, email, username, name, password, emailVerified] = useWatch({ control, name: ["connection", "email", "username", "name", "password", "email_verified"] });
  const connection = useMemo(() => connections.find((c) => c.name === connectionName), [connections, connectionName]);

  const onSubmit = (values: CreateUserFormValues) => {
    setFormError(null);
    startTransition(async () => {
      const result = await createUserAction(csrfToken, { ...values, username: connection?.requiresUsername ? values.username : "", make_operator: connection?.operators ? values.make_operator : false });
      if (result.ok) {
        toast.success(result.message);
        router.push(userHref(result.data!.user_id));
        return;
      }
      setFormError(result.error);
      toast.error(result.error);
      const fields = FIELD_ORDER.filter((f) => result.fieldErrors?.[f]);
      for (const field of fields) setError(field, { type: "server", message: result.fieldErrors![field] });
      if (fields[0]) setFocus(fields[0]);
    });
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="flex max-w-3xl flex-col gap-5" aria-describedby={formError ? "create-user-error" : undefined}>
      {formError && (
        <Alert tone="error" id="create-user-error" title="The user was not created">
          {formError}
        </Alert>
      )}
      <Section title="Account">
        <div className="flex flex-col gap-4">
          <SelectField label="Connection" error={errors.connection?.message} hint={connection?.operators ? "Gatehouse’s own operators’ connection: accounts here can be made operators." : "The database connection the user signs in with."} {...register("connection")}>
            {connections.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
                {c.operators ? " (operators)" : ""}
              </option>
            ))}
          </SelectField>
          <TextField label="Email" type="email" autoComplete="off" spellCheck={false} required error={errors.email?.message} {...register("email")} />
          {connection?.requiresUsername && <TextField label="Username" autoComplete="off" spellCheck={false} required error={errors.username?.message} hint="This connection asks for a username." {...register("username")} />}
          <div className="flex flex-col gap-2">
            <TextField label="Password" type="password" autoComplete="new-password" required error={errors.password?.message} describedBy="new-password-rules" {...register("password")} />
            {connection && <PasswordPolicyFeedback id="new-password" password={password} policy={connection.policy} personal={{ email, username, name }} />}
          </div>
          <TextField label="Name (optional)" autoComplete="off" error={errors.name?.message} {...register("name")} />
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-0.5 size-4" {...register("email_verified")} />
            <span>
              <span className="font-medium">Email already verified</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">Skip the verification email.</span>
            </span>
          </label>
          {!emailVerified && (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" className="mt-0.5 size-4" {...register("verify_email")} />
              <span className="font-medium">Send a verification email</span>
            </label>
          )}
          {connection?.operators && (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" className="mt-0.5 size-4" {...register("make_operator")} />
              <span>
                <span className="font-medium">Grant the Gatehouse Operator role</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">Operators can sign in to this dashboard and change everything.</span>
              </span>
            </label>
          )}
        </div>
      </Section>
      <Section title="Metadata (optional)" description="JSON objects. Keys must not contain “.” or “$”; app_metadata cannot use Auth0’s reserved keys.">
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <TextAreaField label="user_metadata" rows={6} spellCheck={false} placeholder='{ "plan": "pro" }' error={errors.user_metadata?.message} {...register("user_metadata")} />
          <TextAreaField label="app_metadata" rows={6} spellCheck={false} placeholder='{ "roles": ["admin"] }' error={errors.app_metadata?.message} {...register("app_metadata")} />
        </div>
      </Section>
      <div className="flex gap-3">
        <DashboardButton type="submit" pending={pending} pendingLabel="Creating user…">
          Create user
        </DashboardButton>
        <DashboardButton variant="secondary" onClick={() => router.push("/dashboard/users")} disabled={pending}>
          Cancel
        </DashboardButton>
      </div>
    </form>
  );
}
