// /u/signup?state=<transaction>: create an account in the application's database connection, then
// continue to the application logged in. /authorize lands here with screen_hint=signup; the login
// page links here unless every connection it offers has disable_signup.
import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ServiceUnavailable } from "@/components/hosted/service-unavailable.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Card } from "@/components/ui/card.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { csrfCookie, csrfToken } from "@/lib/security/csrf.ts";
import { loadLoginContext, type LoginContext } from "@/lib/services/login/login-context.ts";
import { transactionCsrfPurpose } from "@/lib/services/login/transaction-csrf.ts";
import { ApplicationHeading } from "../_shared/application-heading.tsx";
import { lostTransactionLocation } from "../_shared/hosted-error-location.ts";
import { SignupForm } from "./signup-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign up" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignupPage({ searchParams }: Props) {
  const { state: raw } = await searchParams;
  const state = typeof raw === "string" ? raw : undefined;

  let context: LoginContext | null;
  let lost: string | undefined;
  try {
    const db = await ready();
    context = await loadLoginContext(db, state);
    if (!context) lost = await lostTransactionLocation(db, state);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return (
      <Card title="Sign up" headingLevel={1}>
        <ServiceUnavailable />
      </Card>
    );
  }
  if (!context) redirect(lost!);

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

  const cookieValue = (await cookies()).get(csrfCookie().name)?.value;
  return (
    <Card title={<ApplicationHeading action="Create your account" client={client} />} headingLevel={1} description={`Sign up to continue to ${client.name}.`}>
      {!cookieValue && (
        <Alert tone="warning" className="mb-5">
          Cookies appear to be blocked. Allow cookies for this site, then reload the page: signing up needs them.
        </Alert>
      )}
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
