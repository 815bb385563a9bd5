"use client";
// The hosted signup form. Progressive enhancement, as the login form. The connection's password
// policy is shown as a checklist that updates as the person types (the same pure evaluator the
// server runs, lib/passwords/password-policy.ts), with zxcvbn strength feedback beside it. Server
// refusals land on their fields (or above the form) and take focus.
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { startTransition, useActionState, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { useForm, useWatch } from "react-hook-form";
import { CsrfField } from "@/components/forms/csrf-field.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import { evaluatePasswordPolicy } from "@/lib/passwords/password-policy.ts";
import { signupSchema, type SignupField, type SignupFormValues, type SignupRules } from "@/lib/schemas/hosted-login.ts";
import { signupAction, type SignupFormState } from "./actions.ts";
import { PasswordStrength } from "./password-strength.tsx";

const INITIAL_STATE: SignupFormState = { status: "idle" };
const FIELDS: SignupField[] = ["email", "username", "password"];
const subscribeNothing = () => () => {};
const linkClass = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800";

export type SignupFormProps = {
  state: string;
  csrfToken: string;
  rules: SignupRules;
  loginHint: string;
  loginHref: string;
};

export function SignupForm({ state, csrfToken, rules, loginHint, loginHref }: SignupFormProps) {
  const [formState, formAction, pending] = useActionState(signupAction, INITIAL_STATE);
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const schema = useMemo(() => signupSchema(rules), [rules]);
  const serverErrors = formState.status === "error" ? (formState.fieldErrors ?? {}) : {};
  const defaults = formState.status === "error" ? formState.values : { email: loginHint.includes("@") ? loginHint : "", username: "" };

  const {
    register,
    handleSubmit,
    control,
    setError,
    setValue,
    formState: { errors },
  } = useForm<SignupFormValues>({
    resolver: zodResolver(schema),
    // Validate on submit, then as the person corrects: validating on blur would move the links below
    // the autofocused field between mousedown and click ("Sign up", "Forgot password?").
    mode: "onSubmit",
    defaultValues: { email: defaults.email, username: defaults.username, password: "" },
  });

  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (formState.status !== "error") return;
    if (formState.fieldErrors) {
      let focus = true;
      for (const field of FIELDS) {
        const message = formState.fieldErrors[field];
        if (!message) continue;
        setError(field, { type: "server", message }, { shouldFocus: focus });
        focus = false;
      }
      if (!focus) return;
    }
    setValue("password", "");
    alertRef.current?.focus();
  }, [formState, setError, setValue]);

  const password = useWatch({ control, name: "password" }) ?? "";
  const email = useWatch({ control, name: "email" }) ?? "";
  const username = useWatch({ control, name: "username" }) ?? "";
  // Nothing counts as met before the person types: an empty password trivially "passes" some rules.
  const policy = evaluatePasswordPolicy(password, rules.passwordPolicy, { email, username }).map((r) => ({ ...r, verified: password !== "" && r.verified }));
  const met = policy.filter((r) => r.verified).length;

  const errorFor = (field: SignupField) => errors[field]?.message ?? (hydrated ? undefined : serverErrors[field]);

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
      <input type="hidden" name="state" value={state} />

      {formState.status === "error" && formState.formError && (
        <div ref={alertRef} tabIndex={-1} className="outline-none">
          <Alert tone="error" title="Your account was not created">
            {formState.formError}
          </Alert>
        </div>
      )}

      <Input
        label="Email address"
        type="email"
        autoComplete="email"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus={!defaults.email}
        defaultValue={defaults.email}
        error={errorFor("email")}
        {...register("email")}
      />

      {rules.requiresUsername && (
        <Input
          label="Username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          hint={`${rules.usernameLength.min}–${rules.usernameLength.max} characters: letters, digits and _ + - . ! # $ ' ^ \` ~ @`}
          defaultValue={defaults.username}
          error={errorFor("username")}
          {...register("username")}
        />
      )}

      <div className="flex flex-col gap-2">
        <Input
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          describedBy="password-rules password-strength"
          error={errorFor("password")}
          {...register("password")}
        />
        <div className="flex flex-col gap-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <div id="password-rules">
            <p className="mb-1.5 text-xs font-medium text-slate-700">Your password must have:</p>
            <ul className="flex flex-col gap-1 text-xs">
              {policy.map((rule) => (
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
              {password ? `${met} of ${policy.length} password requirements met` : ""}
            </p>
          </div>
          <PasswordStrength id="password-strength" password={password} userInputs={[email, username]} />
        </div>
      </div>

      <Button type="submit" fullWidth pending={pending} pendingLabel="Creating your account…">
        Sign up
      </Button>

      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href={loginHref} className={linkClass}>
          Log in
        </Link>
      </p>
    </form>
  );
}
