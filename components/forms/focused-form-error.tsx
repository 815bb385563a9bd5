"use client";
// A form's refusal (a server action's `formError`), announced as an alert and focused when it
// appears, so keyboard and screen-reader users land on it. For forms whose only error is the
// form's own; forms with field errors decide where focus goes themselves (login, signup).
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert.tsx";

export function FocusedFormError({ state }: { state: { status: string; formError?: string } }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status === "error") ref.current?.focus();
  }, [state]);
  if (state.status !== "error") return null;
  return (
    <div ref={ref} tabIndex={-1} className="outline-none">
      <Alert tone="error">{state.formError}</Alert>
    </div>
  );
}
