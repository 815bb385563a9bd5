"use client";
// The new-password form. Progressive enhancement as the other hosted forms: a plain form posting to
// the server action without JavaScript; with it, react-hook-form validates with the same schema,
// the connection's rules tick as the person types (with zxcvbn strength beside them), and server
// refusals ("Password has previously been used.") land on the field and take focus. On success the
// form gives way to the success screen, with a button back to the application when one is known.
import { zodResolver } from "@hookform/resolvers/zod";
import { startTransition, useActionState, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { useForm, useWatch } from "react-hook-form";
import { CsrfField } from "@/components/forms/csrf-field.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import { evaluatePasswordPolicy, type PasswordPolicyOptions, type PersonalInfo } from "@/lib/passwords/password-policy.ts";
import { PasswordStrength } from "../signup/password-strength.tsx";
import { resetPasswordAction, type ResetVerifyState } from "./actions.ts";
import { resetVerifySchema, type ResetVerifyField, type ResetVerifyValues } from "./reset-verify-schema.ts";

const INITIAL_STATE: ResetVerifyState = { status: "idle" };
const FIELDS: ResetVerifyField[] = ["password", "confirm_password"];
const subscribeNothing = () => () => {};

export type ResetVerifyFormProps = { ticket: string; csrfToken: string; email: string | null; policy: PasswordPolicyOptions; personal: PersonalInfo };

export function ResetVerifyForm({ ticket, csrfToken, email, policy, personal }: ResetVerifyFormProps) {
  const [state, formAction, pending] = useActionState(resetPasswordAction, INITIAL_STATE);
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const schema = useMemo(() => resetVerifySchema(policy, personal), [policy, personal]);
  const serverErrors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const {
    register,
    handleSubmit,
    control,
    setError,
    formState: { errors },
  } = useForm<ResetVerifyValues>({ resolver: zodResolver(schema), mode: "onTouched", defaultValues: { password: "", confirm_password: "" } });

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
  const rules = evaluatePasswordPolicy(password, policy, personal).map((r) => ({ ...r, verified: password !== "" && r.verified }));
  const met = rules.filter((r) => r.verified).length;
  const errorFor = (field: ResetVerifyField) => errors[field]?.message ?? (hydrated ? undefined : serverErrors[field]);
  const formRef = useRef<HTMLFormElement>(null);
  const onSubmit = handleSubmit(() => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    startTransition(() => formAction(data));
  });

  if (state.status === "done") {
    return (
      <div className="flex flex-col gap-5">
        <Alert tone="success" live title="Password changed">
          Your password has been changed. You have been signed out everywhere: log in again with your new password.
        </Alert>
        {state.loginUrl && (
          <a href={state.loginUrl} className="inline-flex min-h-10 w-full items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
            Back to the application
          </a>
        )}
      </div>
    );
  }
  if (state.status === "invalid_link") {
    return (
      <Alert tone="error" title="This link can’t be used">
        This password reset link is invalid, has expired or has already been used. Ask for a new one from the application’s login page.
      </Alert>
    );
  }
  const userInputs = [email ?? "", personal.name ?? "", personal.username ?? ""].filter(Boolean);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="ticket" value={ticket} />
      {email && <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />}
      {state.status === "error" && state.formError && (
        <Alert tone="error" title="The password was not changed">
          {state.formError}
        </Alert>
      )}
      <div className="flex flex-col gap-2">
        <Input label="New password" type="password" autoComplete="new-password" required autoFocus describedBy="password-rules password-strength" error={errorFor("password")} {...register("password")} />
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
          <p aria-live="polite" className="sr-only">
            {password ? `${met} of ${rules.length} password requirements met` : ""}
          </p>
          <div className="mt-3">
            <PasswordStrength id="password-strength" password={password} userInputs={userInputs} />
          </div>
        </div>
      </div>
      <Input label="Confirm new password" type="password" autoComplete="new-password" required error={errorFor("confirm_password")} {...register("confirm_password")} />
      <Button type="submit" fullWidth pending={pending} pendingLabel="Changing the password…">
        Change password
      </Button>
    </form>
  );
}
