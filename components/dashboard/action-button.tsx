"use client";
// A button that runs one server action (bound on the server with its arguments), with pending
// state and toasts. With `confirm`, a second click is asked for first (inline, keyboard-friendly).
import { useState } from "react";
import type { ActionResult } from "@/lib/dashboard/dashboard-action.ts";
import { DashboardButton } from "./ui/button.tsx";
import { useDashboardAction } from "./use-dashboard-action.ts";

export function ActionButton({
  action,
  label,
  pendingLabel,
  variant = "secondary",
  size = "sm",
  confirm,
  testId,
}: {
  action: () => Promise<ActionResult<unknown>>;
  label: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger" | "ghost";
  size?: "sm" | "md";
  confirm?: string;
  testId?: string;
}) {
  const { run, pending } = useDashboardAction();
  const [asking, setAsking] = useState(false);
  if (asking)
    return (
      <span className="inline-flex flex-wrap items-center gap-2" role="group" aria-label={confirm}>
        <span className="text-xs text-slate-700 dark:text-slate-300">{confirm}</span>
        <DashboardButton
          variant={variant === "danger" ? "danger" : "primary"}
          size={size}
          pending={pending}
          pendingLabel={pendingLabel}
          autoFocus
          onClick={() => void run(action).then(() => setAsking(false))}
        >
          Yes, {label.toLowerCase()}
        </DashboardButton>
        <DashboardButton variant="ghost" size={size} onClick={() => setAsking(false)} disabled={pending}>
          Cancel
        </DashboardButton>
      </span>
    );
  return (
    <DashboardButton data-testid={testId} variant={variant} size={size} pending={pending} pendingLabel={pendingLabel} onClick={() => (confirm ? setAsking(true) : void run(action))}>
      {label}
    </DashboardButton>
  );
}
