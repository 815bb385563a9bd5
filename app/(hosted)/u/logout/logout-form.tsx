"use client";
// "Log out" / "Stay logged in": one form, two submit buttons sending `decision`, the logout
// parameters in hidden fields. Works without JavaScript.
import { useActionState } from "react";
import { CsrfField } from "@/components/forms/csrf-field.tsx";
import { FocusedFormError } from "@/components/forms/focused-form-error.tsx";
import { Button } from "@/components/ui/button.tsx";
import { logoutAction, type LogoutFormState } from "./actions.ts";

const INITIAL_STATE: LogoutFormState = { status: "idle" };

export function LogoutForm({ csrfToken, params }: { csrfToken: string; params: Record<string, string> }) {
  const [formState, formAction, pending] = useActionState(logoutAction, INITIAL_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <CsrfField token={csrfToken} />
      {Object.entries(params).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FocusedFormError state={formState} />
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
