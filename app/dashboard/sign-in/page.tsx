// /dashboard/sign-in: where requireOperator() sends a browser without a dashboard session, and
// where next-auth reports sign-in errors (?error=...).
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { currentOperatorState } from "@/lib/dashboard/operator-session.ts";
import { SignInButton } from "./sign-in-button.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ERRORS: Record<string, string> = {
  OAuthCallback: "The sign-in did not complete. Try again.",
  OAuthSignin: "The sign-in could not be started. Try again.",
  Callback: "The sign-in did not complete. Try again.",
  AccessDenied: "The sign-in was refused.",
  csrf: "The sign-out form had expired. You are still signed in if you were.",
};

function safeCallback(value: unknown): string {
  return typeof value === "string" && value.startsWith("/dashboard") && !value.startsWith("//") ? value : "/dashboard";
}

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  const state = await currentOperatorState();
  if (state.kind === "operator") redirect(callbackUrl);
  if (state.kind === "not_operator") redirect("/dashboard/not-authorized");
  const error = typeof params.error === "string" ? (ERRORS[params.error] ?? "The sign-in did not complete. Try again.") : undefined;
  return (
    <Section>
      <div className="flex flex-col gap-5">
        <div className="flex flex-col gap-1">
          <h1 className="text-xl font-semibold tracking-tight">Sign in to the Gatehouse dashboard</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            The dashboard is for Gatehouse operators. You will sign in on this instance’s login page with your operator account.
          </p>
        </div>
        {params.reason === "ended" && (
          <Alert tone="info">Your Gatehouse session has ended (signed out, expired or revoked). Sign in again to continue.</Alert>
        )}
        {error && <Alert tone="error">{error}</Alert>}
        <SignInButton callbackUrl={callbackUrl} />
      </div>
    </Section>
  );
}
