"use client";
// Accept / Decline. Two submit buttons of one form, each sending its `decision`: works without
// JavaScript; with it, the action runs in place and a refusal is announced and focused.
import { useActionState } from "react";
import { CsrfField } from "@/components/forms/csrf-field.tsx";
import { FocusedFormError } from "@/components/forms/focused-form-error.tsx";
import { Button } from "@/components/ui/button.tsx";
import { consentAction, type ConsentFormState } from "./actions.ts";

const INITIAL_STATE: ConsentFormState = { status: "idle" };

export function ConsentForm({ state, csrfToken }: { state: string; csrfToken: string }) {
  const [formState, formAction, pending] = useActionState(consentAction, INITIAL_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="state" value={state} />
      <FocusedFormError state={formState} />
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
