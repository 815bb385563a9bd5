// /dashboard/not-authorized: a signed-in user who is not an operator (no operator role, or blocked).
// They can sign out (of the dashboard and of Gatehouse) to try another account.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutForm } from "@/components/dashboard/sign-out-form.tsx";
import { Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { currentOperatorState } from "@/lib/dashboard/operator-session.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Not authorized" };

export default async function NotAuthorizedPage() {
  const state = await currentOperatorState();
  if (state.kind === "operator") redirect("/dashboard");
  return (
    <Section>
      <div className="flex flex-col gap-5">
        <h1 className="text-xl font-semibold tracking-tight">Not authorized</h1>
        <Alert tone="error" title="This account cannot use the dashboard.">
          {state.kind === "not_operator" ? (
            <>
              You are signed in as <strong data-testid="signed-in-as">{state.email ?? "an unknown account"}</strong>, which is not a
              Gatehouse operator.
            </>
          ) : (
            <>You are not signed in.</>
          )}
        </Alert>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Only accounts holding the “Gatehouse Operator” role can open the dashboard. Ask an operator to grant it, or sign out and
          sign in with an operator account.
        </p>
        {state.kind === "not_operator" ? (
          <SignOutForm csrfToken={await dashboardCsrfToken()} label="Sign out" variant="primary" />
        ) : (
          <Link href="/dashboard/sign-in" className="text-sm font-medium text-brand-700 underline underline-offset-2 dark:text-brand-100">
            Sign in
          </Link>
        )}
      </div>
    </Section>
  );
}
