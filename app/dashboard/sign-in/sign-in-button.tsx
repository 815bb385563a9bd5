"use client";
// Starts next-auth's sign-in with the Gatehouse provider (a POST to /api/auth/signin/gatehouse with
// next-auth's own CSRF token), which redirects to this instance's /authorize.
import { signIn } from "next-auth/react";
import { useState } from "react";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";

export function SignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <div className="flex flex-col gap-3">
      <DashboardButton
        className="w-full"
        pending={pending}
        pendingLabel="Redirecting to sign-in…"
        onClick={() => {
          setPending(true);
          setFailed(false);
          signIn("gatehouse", { callbackUrl }).catch(() => {
            setPending(false);
            setFailed(true);
          });
        }}
      >
        Sign in with your operator account
      </DashboardButton>
      {failed && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Could not start the sign-in. Check your connection and try again.
        </p>
      )}
    </div>
  );
}
