"use client";
// The MFA page's forms. Progressive enhancement like the login form: plain <form>s posting to the
// server actions without JavaScript; with it, the actions run in place. A refusal is announced
// (role="alert") and takes focus; a wrong code lands on the code field (aria-invalid, described).
// After a right code that produced a new recovery code, the page shows RecoveryCodeNotice (the
// code, what to do with it, and the Continue form).
import { useActionState, useEffect, useRef } from "react";
import { CsrfField } from "@/components/forms/csrf-field.tsx";
import { FocusedFormError } from "@/components/forms/focused-form-error.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import { mfaContinueAction, mfaVerifyAction, type MfaContinueState, type MfaFormState } from "./actions.ts";

const INITIAL_STATE: MfaFormState = { status: "idle" };
const INITIAL_CONTINUE: MfaContinueState = { status: "idle" };

export type MfaCodeFormProps = { state: string; csrfToken: string; kind: "otp" | "recovery-code"; submitLabel: string };

export function MfaCodeForm({ state, csrfToken, kind, submitLabel }: MfaCodeFormProps) {
  const [formState, formAction, pending] = useActionState(mfaVerifyAction, INITIAL_STATE);
  const alertRef = useRef<HTMLDivElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (formState.status !== "error") return;
    if (formState.fieldError && codeRef.current) {
      codeRef.current.value = "";
      codeRef.current.focus();
    } else alertRef.current?.focus();
  }, [formState]);

  const error = formState.status === "error" ? formState : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-5">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="state" value={state} />
      <input type="hidden" name="kind" value={kind} />
      {error?.formError && (
        <div ref={alertRef} tabIndex={-1} className="outline-none">
          <Alert tone="error">{error.formError}</Alert>
        </div>
      )}
      {kind === "otp" ? (
        <Input
          ref={codeRef}
          name="code"
          label="Code from your authenticator app"
          hint="6 digits; a new one appears every 30 seconds."
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={7}
          required
          autoFocus
          spellCheck={false}
          error={error?.fieldError}
        />
      ) : (
        <Input
          ref={codeRef}
          name="code"
          label="Recovery code"
          hint="The 24-character code you saved when you set up your authenticator app."
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={40}
          required
          autoFocus
          spellCheck={false}
          error={error?.fieldError}
        />
      )}
      <Button type="submit" fullWidth pending={pending} pendingLabel="Checking…">
        {submitLabel}
      </Button>
    </form>
  );
}

/** The new recovery code, then Continue (the heading takes focus, so it is read first). */
export function RecoveryCodeNotice({ state, csrfToken, recoveryCode }: { state: string; csrfToken: string; recoveryCode: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const grouped = recoveryCode.match(/.{1,4}/g)?.join(" ") ?? recoveryCode;
  return (
    <div className="flex flex-col gap-5">
      <Alert tone="success" live>
        Your code was accepted.
      </Alert>
      <section aria-labelledby="recovery-code-heading" className="flex flex-col gap-3">
        <h2 id="recovery-code-heading" ref={headingRef} tabIndex={-1} className="text-base font-semibold text-slate-900 outline-none">
          Save your recovery code
        </h2>
        <p className="text-sm text-slate-700">
          If you lose your authenticator app, this code lets you log in once. Store it somewhere safe, such as a password manager. It will not be
          shown again.
        </p>
        <p
          className="rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-center font-mono text-lg tracking-wider text-slate-900 select-all"
          data-testid="recovery-code"
          aria-label={`Recovery code: ${recoveryCode.split("").join(" ")}`}
        >
          {grouped}
        </p>
      </section>
      <ContinueForm state={state} csrfToken={csrfToken} />
    </div>
  );
}

export function ContinueForm({ state, csrfToken, label = "I have saved it, continue" }: { state: string; csrfToken: string; label?: string }) {
  const [formState, formAction, pending] = useActionState(mfaContinueAction, INITIAL_CONTINUE);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="state" value={state} />
      <FocusedFormError state={formState} />
      <Button type="submit" fullWidth pending={pending} pendingLabel="Continuing…">
        {label}
      </Button>
    </form>
  );
}
