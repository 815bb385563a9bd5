"use client";
// Accept / Decline. Two submit buttons of one form, each sending its `decision`: works without
// JavaScript; with it, the action runs in place and a refusal is announced and focused.
import { useActionState, useEffect, useRef } from "react";
import { CsrfField } from "@/components/forms/csrf-field.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { consentAction, type ConsentFormState } from "./actions.ts";

const INITIAL_STATE: ConsentFormState = { status: "idle" };

export function ConsentForm({ state, csrfToken }: { state: string; csrfToken: string }) {
  const [formState, formAction, pending] = useActionState(consentAction, INITIAL_STATE);
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (formState.status === "error") alertRef.current?.focus();
  }, [formState]);

  return (
    <form action={formAction} className="flex flex-col gap-4">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="state" value={state} />
      {formState.status === "error" && (
        <div ref={alertRef} tabIndex={-1} className="outline-none">
          <Alert tone="error">{formState.formError}</Alert>
        </div>
      )}
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Button type="submit" name="decision" value="decline" variant="secondary" disabled={pending}>
          Decline
        </Button>
        <Button type="submit" name="decision" value="accept" pending={pending} pendingLabel="Continuing…">
          Accept
        </Button>
      </div>
    </form>
  );
}
