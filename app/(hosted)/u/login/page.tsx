// /u/login?state=<transaction>: the hosted login page /authorize sends people to. Renders the
// stored login transaction (its application and the connections enabled for it); an unknown or
// expired transaction goes to the error page (or the application's login URL), never to a URL
// taken from the request.
import type { Metadata } from "next";
import { Card } from "@/components/ui/card.tsx";
import { csrfToken } from "@/lib/security/csrf.ts";
import { transactionCsrfPurpose } from "@/lib/services/login/transaction-csrf.ts";
import { ApplicationHeading } from "../_shared/application-heading.tsx";
import { CookiesBlockedAlert, loadTransactionPage, type TransactionPageProps } from "../_shared/transaction-page.tsx";
import { LoginForm } from "./login-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: TransactionPageProps) {
  const page = await loadTransactionPage(searchParams, "Log in");
  if ("unavailable" in page) return page.unavailable;
  const { context, csrfCookieValue: cookieValue } = page;
  const { transaction, client, connections } = context;
  const stateParam = encodeURIComponent(transaction.id);
  return (
    <Card title={<ApplicationHeading action="Log in" client={client} />} headingLevel={1} description={`Log in to continue to ${client.name}.`}>
      {!cookieValue && <CookiesBlockedAlert reason="logging in needs them" />}
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
