// /u/signup?state=<transaction>: create an account in the application's database connection, then
// continue to the application logged in. /authorize lands here with screen_hint=signup; the login
// page links here unless every connection it offers has disable_signup.
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert.tsx";
import { Card } from "@/components/ui/card.tsx";
import { csrfToken } from "@/lib/security/csrf.ts";
import { transactionCsrfPurpose } from "@/lib/services/login/transaction-csrf.ts";
import { ApplicationHeading } from "../_shared/application-heading.tsx";
import { CookiesBlockedAlert, loadTransactionPage, type TransactionPageProps } from "../_shared/transaction-page.tsx";
import { SignupForm } from "./signup-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign up" };

export default async function SignupPage({ searchParams }: TransactionPageProps) {
  const page = await loadTransactionPage(searchParams, "Sign up");
  if ("unavailable" in page) return page.unavailable;
  const { context, csrfCookieValue: cookieValue } = page;
  const { transaction, client, signupConnection } = context;
  const loginHref = `/u/login?state=${encodeURIComponent(transaction.id)}`;
  if (!signupConnection) {
    return (
      <Card title={<ApplicationHeading action="Sign up" client={client} />} headingLevel={1}>
        <Alert tone="info">Sign up is not available for {client.name}. Ask its administrator for an account.</Alert>
        <p className="mt-5 text-sm">
          <Link href={loginHref} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            Back to log in
          </Link>
        </p>
      </Card>
    );
  }

  return (
    <Card title={<ApplicationHeading action="Create your account" client={client} />} headingLevel={1} description={`Sign up to continue to ${client.name}.`}>
      {!cookieValue && <CookiesBlockedAlert reason="signing up needs them" />}
      <SignupForm
        state={transaction.id}
        csrfToken={cookieValue ? csrfToken(cookieValue, transactionCsrfPurpose("signup", transaction)) : ""}
        rules={{ passwordPolicy: signupConnection.passwordPolicy, requiresUsername: signupConnection.requiresUsername, usernameLength: signupConnection.usernameLength }}
        loginHint={transaction.request.login_hint ?? ""}
        loginHref={loginHref}
      />
    </Card>
  );
}
