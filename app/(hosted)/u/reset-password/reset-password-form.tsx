"use client";
// The "forgot password" form: one field (email, or email or username where a connection requires
// usernames). Posts to the server action with or without JavaScript; after any well-formed request
// it shows the same "check your email" message.
import Link from "next/link";
import { useActionState } from "react";
import { CsrfField } from "@/components/forms/csrf-field.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import { requestPasswordResetAction, type ResetRequestState } from "./actions.ts";
import { RESET_REQUESTED_MESSAGE } from "./reset-password-constants.ts";

const INITIAL_STATE: ResetRequestState = { status: "idle" };
const linkClass = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800";

export type ResetPasswordFormProps = { state: string; csrfToken: string; acceptsUsername: boolean; loginHint: string; loginHref: string };

export function ResetPasswordForm({ state, csrfToken, acceptsUsername, loginHint, loginHref }: ResetPasswordFormProps) {
  const [formState, formAction, pending] = useActionState(requestPasswordResetAction, INITIAL_STATE);

  if (formState.status === "sent") {
    return (
      <div className="flex flex-col gap-5">
        <Alert tone="success" live title="Check your email">
          {RESET_REQUESTED_MESSAGE}
        </Alert>
        <p className="text-sm text-slate-600">The link works once and expires after a day. If nothing arrives within a few minutes, check your spam folder or try again.</p>
        <p className="text-sm">
          <Link href={loginHref} className={linkClass}>
            Back to log in
          </Link>
        </p>
      </div>
    );
  }
  const error = formState.status === "error" ? formState : undefined;
  return (
    <form action={formAction} noValidate className="flex flex-col gap-5">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="state" value={state} />
      {error?.formError && (
        <Alert tone="error" title="We couldn’t send the email">
          {error.formError}
        </Alert>
      )}
      <Input
        name="identifier"
        label={acceptsUsername ? "Email address or username" : "Email address"}
        type={acceptsUsername ? "text" : "email"}
        autoComplete="username"
        inputMode={acceptsUsername ? undefined : "email"}
        required
        autoFocus
        defaultValue={error?.values.identifier ?? loginHint}
        error={error?.fieldError}
      />
      <Button type="submit" fullWidth pending={pending} pendingLabel="Sending…">
        Send me a reset link
      </Button>
      <p className="text-center text-sm">
        <Link href={loginHref} className={linkClass}>
          Back to log in
        </Link>
      </p>
    </form>
  );
}
