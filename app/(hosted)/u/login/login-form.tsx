"use client";
// The hosted login form. Progressive enhancement, as the setup form: a plain <form> posting to the
// server action without JavaScript; with it, react-hook-form validates with the same zod schema as
// the server and the action runs in place. A refusal is announced (role="alert") and takes focus,
// and the password is cleared; field errors land on their fields.
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { startTransition, useActionState, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { useForm } from "react-hook-form";
import { CsrfField } from "@/components/forms/csrf-field.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import { loginSchema, type LoginField, type LoginFormValues } from "@/lib/schemas/hosted-login.ts";
import { loginAction, type LoginFormState } from "./actions.ts";

const INITIAL_STATE: LoginFormState = { status: "idle" };
const FIELDS: LoginField[] = ["identifier", "password"];
const subscribeNothing = () => () => {};
const linkClass = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800";

export type LoginFormProps = {
  state: string;
  csrfToken: string;
  acceptsUsername: boolean;
  loginHint: string;
  signupHref: string | null;
  resetPasswordHref: string;
};

export function LoginForm({ state, csrfToken, acceptsUsername, loginHint, signupHref, resetPasswordHref }: LoginFormProps) {
  const [formState, formAction, pending] = useActionState(loginAction, INITIAL_STATE);
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const schema = useMemo(() => loginSchema(acceptsUsername), [acceptsUsername]);
  const serverErrors = formState.status === "error" ? (formState.fieldErrors ?? {}) : {};
  const identifierDefault = formState.status === "error" ? formState.values.identifier : loginHint;

  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors },
  } = useForm<LoginFormValues>({
    resolver: zodResolver(schema),
    // Validate on submit, then as the person corrects: validating on blur would move the links below
    // the autofocused field between mousedown and click ("Sign up", "Forgot password?").
    mode: "onSubmit",
    defaultValues: { identifier: identifierDefault, password: "" },
  });

  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (formState.status !== "error") return;
    setValue("password", "");
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
    alertRef.current?.focus();
  }, [formState, setError, setValue]);

  const errorFor = (field: LoginField) => errors[field]?.message ?? (hydrated ? undefined : serverErrors[field]);

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
          <Alert tone="error">{formState.formError}</Alert>
        </div>
      )}

      <Input
        label={acceptsUsername ? "Email address or username" : "Email address"}
        type={acceptsUsername ? "text" : "email"}
        autoComplete="username"
        inputMode={acceptsUsername ? undefined : "email"}
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus={!identifierDefault}
        defaultValue={identifierDefault}
        error={errorFor("identifier")}
        {...register("identifier")}
      />

      <div className="flex flex-col gap-2">
        <Input
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus={Boolean(identifierDefault) && formState.status === "idle"}
          error={errorFor("password")}
          {...register("password")}
        />
        <p className="text-sm">
          <Link href={resetPasswordHref} className={linkClass}>
            Forgot password?
          </Link>
        </p>
      </div>

      <Button type="submit" fullWidth pending={pending} pendingLabel="Logging in…">
        Continue
      </Button>

      {signupHref && (
        <p className="text-center text-sm text-slate-600">
          Don’t have an account?{" "}
          <Link href={signupHref} className={linkClass}>
            Sign up
          </Link>
        </p>
      )}
    </form>
  );
}
