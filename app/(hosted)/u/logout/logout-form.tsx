"use client";
// "Log out" / "Stay logged in": one form, two submit buttons sending `decision`, the logout
// parameters in hidden fields. Works without JavaScript.
import { useActionState, useEffect, useRef } from "react";
import { CsrfField } from "@/components/forms/csrf-field.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { logoutAction, type LogoutFormState } from "./actions.ts";

const INITIAL_STATE: LogoutFormState = { status: "idle" };

export function LogoutForm({ csrfToken, params }: { csrfToken: string; params: Record<string, string> }) {
  const [formState, formAction, pending] = useActionState(logoutAction, INITIAL_STATE);
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (formState.status === "error") alertRef.current?.focus();
  }, [formState]);

  return (
    <form action={formAction} className="flex flex-col gap-4">
      <CsrfField token={csrfToken} />
      {Object.entries(params).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {formState.status === "error" && (
        <div ref={alertRef} tabIndex={-1} className="outline-none">
          <Alert tone="error">{formState.formError}</Alert>
        </div>
      )}
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Button type="submit" name="decision" value="cancel" variant="secondary" disabled={pending}>
          No, stay logged in
        </Button>
        <Button type="submit" name="decision" value="logout" pending={pending} pendingLabel="Logging out…" autoFocus>
          Yes, log out
        </Button>
      </div>
    </form>
  );
}
