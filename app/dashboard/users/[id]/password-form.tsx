"use client";
// Set a new password (the connection's policy, live, and checked again by the service), or send
// the user a reset email instead.
import { useState } from "react";
import { PasswordPolicyFeedback } from "@/components/dashboard/password-policy-feedback.tsx";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { TextField } from "@/components/dashboard/ui/field.tsx";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import type { PasswordPolicyOptions, PersonalInfo } from "@/lib/passwords/password-policy.ts";
import { changePasswordAction } from "./actions.ts";

export function PasswordForm({ csrfToken, userId, policy, personal }: { csrfToken: string; userId: string; policy: PasswordPolicyOptions; personal: PersonalInfo }) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const { run, pending } = useDashboardAction();
  return (
    <form
      className="flex max-w-xl flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        setError(undefined);
        if (!password) return setError("Enter the new password.");
        void run(() => changePasswordAction(csrfToken, userId, password), {
          onSuccess: () => setPassword(""),
          onError: (r) => setError(r.fieldErrors?.password ?? r.error),
        });
      }}
    >
      <TextField name="new_password" label="New password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={error} describedBy="change-password-rules" />
      <PasswordPolicyFeedback id="change-password" password={password} policy={policy} personal={personal} />
      <p className="text-xs text-slate-600 dark:text-slate-400">Setting a password also lifts an administrator block and releases brute-force blocks.</p>
      <div>
        <DashboardButton type="submit" size="sm" pending={pending} pendingLabel="Changing…">
          Change password
        </DashboardButton>
      </div>
    </form>
  );
}
