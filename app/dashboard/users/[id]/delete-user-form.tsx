"use client";
// Delete, confirmed by typing the user's email (or username, or id). The button stays disabled
// until the text matches; the server checks it again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { TextField } from "@/components/dashboard/ui/field.tsx";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { deleteUserAction } from "./actions.ts";

export function DeleteUserForm({ csrfToken, userId, expected }: { csrfToken: string; userId: string; expected: string }) {
  const router = useRouter();
  const { run, pending } = useDashboardAction();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string>();
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        setError(undefined);
        void run(() => deleteUserAction(csrfToken, userId, typed), {
          refresh: false,
          onSuccess: () => router.push("/dashboard/users"),
          onError: (result) => setError(result.fieldErrors?.confirmation ?? result.error),
        });
      }}
    >
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Deleting removes the account, its identities, roles, permissions, sessions and metadata. Its log events stay, with the personal
        data removed. This cannot be undone.
      </p>
      <TextField
        name="confirmation"
        label={
          <>
            Type <code className="rounded bg-slate-100 px-1 font-mono dark:bg-slate-800">{expected}</code> to confirm
          </>
        }
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        error={error}
      />
      <div>
        <DashboardButton type="submit" variant="danger" disabled={typed.trim() !== expected} pending={pending} pendingLabel="Deleting…">
          Delete this user
        </DashboardButton>
      </div>
    </form>
  );
}
