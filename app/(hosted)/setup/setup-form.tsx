"use client";
// The first-operator form. Progressive enhancement: rendered on the server as a plain
// <form action={serverAction}>, it posts and shows the server's answer without JavaScript. With
// JavaScript, react-hook-form validates with the same zod schema as the server (lib/schemas/
// setup.ts), the password rules update as the user types, and the action is called in place.
// Server-side field errors (e.g. the password policy) land on their fields either way.
import { zodResolver } from "@hookform/resolvers/zod";
import { startTransition, useActionState, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { useForm, useWatch } from "react-hook-form";
import { CsrfField } from "@/components/forms/csrf-field.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import { evaluatePasswordPolicy, type PasswordPolicyOptions } from "@/lib/passwords/password-policy.ts";
import { setupSchema, type SetupField, type SetupFormValues } from "@/lib/schemas/setup.ts";
import { completeSetupAction, type SetupFormState } from "./actions.ts";

const INITIAL_STATE: SetupFormState = { status: "idle" };
const FIELDS: SetupField[] = ["email", "password", "confirm_password"];
const subscribeNothing = () => () => {};

export type SetupFormProps = {
  token: string;
  csrfToken: string;
  passwordPolicy: PasswordPolicyOptions;
};

export function SetupForm({ token, csrfToken, passwordPolicy }: SetupFormProps) {
  const [state, formAction, pending] = useActionState(completeSetupAction, INITIAL_STATE);
  // False on the server and while hydrating: until then, errors come straight from `state`.
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const schema = useMemo(() => setupSchema(passwordPolicy), [passwordPolicy]);
  const serverErrors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const emailDefault = state.status === "error" ? state.values.email : "";

  const {
    register,
    handleSubmit,
    control,
    setError,
    formState: { errors },
  } = useForm<SetupFormValues>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: { email: emailDefault, password: "", confirm_password: "" },
  });

  // Errors from the server become the fields' errors; the first one takes focus.
  useEffect(() => {
    if (state.status !== "error" || !state.fieldErrors) return;
    let focus = true;
    for (const field of FIELDS) {
      const message = state.fieldErrors[field];
      if (!message) continue;
      setError(field, { type: "server", message }, { shouldFocus: focus });
      focus = false;
    }
  }, [state, setError]);

  const password = useWatch({ control, name: "password" }) ?? "";
  const email = useWatch({ control, name: "email" }) ?? "";
  // Nothing counts as met before the user types: an empty password trivially "passes" some rules.
  const rules = evaluatePasswordPolicy(password, passwordPolicy, { email }).map((r) => ({ ...r, verified: password !== "" && r.verified }));
  const met = rules.filter((r) => r.verified).length;

  const errorFor = (field: SetupField) => errors[field]?.message ?? (hydrated ? undefined : serverErrors[field]);

  const formRef = useRef<HTMLFormElement>(null);
  const onSubmit = handleSubmit(() => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    startTransition(() => formAction(data));
  });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="token" value={token} />

      {state.status === "error" && state.formError && (
        <Alert tone="error" title="The operator account was not created">
          {state.formError}
        </Alert>
      )}

      <Input
        label="Email address"
        type="email"
        autoComplete="username"
        inputMode="email"
        required
        defaultValue={emailDefault}
        error={errorFor("email")}
        {...register("email")}
      />

      <div className="flex flex-col gap-2">
        <Input
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          describedBy="password-rules"
          error={errorFor("password")}
          {...register("password")}
        />
        <div id="password-rules" className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <p className="mb-1.5 text-xs font-medium text-slate-700">Your password must have:</p>
          <ul className="flex flex-col gap-1 text-xs">
            {rules.map((rule) => (
              <li key={rule.code} className={rule.verified ? "flex gap-1.5 text-emerald-800" : "flex gap-1.5 text-slate-600"} data-rule={rule.code} data-met={rule.verified}>
                <span aria-hidden="true" className="w-3 shrink-0 text-center font-bold">
                  {rule.verified ? "✓" : "•"}
                </span>
                <span>
                  {rule.message}
                  <span className="sr-only">{rule.verified ? " (met)" : " (not met yet)"}</span>
                </span>
              </li>
            ))}
          </ul>
          {/* Announced only when the count changes, not at every keystroke. */}
          <p aria-live="polite" className="sr-only">
            {password ? `${met} of ${rules.length} password requirements met` : ""}
          </p>
        </div>
      </div>

      <Input
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        required
        error={errorFor("confirm_password")}
        {...register("confirm_password")}
      />

      <Button type="submit" fullWidth pending={pending} pendingLabel="Creating the operator…">
        Create operator account
      </Button>
    </form>
  );
}
