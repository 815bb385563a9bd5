// /u/login?state=<transaction>: the hosted login page /authorize sends people to. Renders the
// stored login transaction (its application and the connections enabled for it); an unknown or
// expired transaction goes to the error page (or the application's login URL), never to a URL
// taken from the request.
import type { Metadata } from "next";
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
import { LoginForm } from "./login-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Log in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
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
      <Card title="Log in" headingLevel={1}>
        <ServiceUnavailable />
      </Card>
    );
  }
  if (!context) redirect(lost!);

  const { transaction, client, connections } = context;
  const cookieValue = (await cookies()).get(csrfCookie().name)?.value;
  const stateParam = encodeURIComponent(transaction.id);
  return (
    <Card title={<ApplicationHeading action="Log in" client={client} />} headingLevel={1} description={`Log in to continue to ${client.name}.`}>
      {!cookieValue && (
        <Alert tone="warning" className="mb-5">
          Cookies appear to be blocked. Allow cookies for this site, then reload the page: logging in needs them.
        </Alert>
      )}
      <LoginForm
        state={transaction.id}
        csrfToken={cookieValue ? csrfToken(cookieValue, transactionCsrfPurpose("login", transaction)) : ""}
        acceptsUsername={connections.some((c) => c.requiresUsername)}
        loginHint={transaction.request.login_hint ?? ""}
        signupHref={context.signupConnection ? `/u/signup?state=${stateParam}` : null}
        resetPasswordHref={`/u/reset-password?state=${stateParam}`}
      />
    </Card>
  );
}
