// /u/reset-password?state=<transaction>: "forgot your password?" (auth0-authentication.md C.4,
// reset-password-request). Renders the login transaction's application; an unknown or expired
// transaction goes where the login page would send it.
import type { Metadata } from "next";
import { Card } from "@/components/ui/card.tsx";
import { csrfToken } from "@/lib/security/csrf.ts";
import { ApplicationHeading } from "../_shared/application-heading.tsx";
import { CookiesBlockedAlert, loadTransactionPage, type TransactionPageProps } from "../_shared/transaction-page.tsx";
import { resetRequestCsrfPurpose } from "./reset-password-constants.ts";
import { ResetPasswordForm } from "./reset-password-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reset your password" };

export default async function ResetPasswordPage({ searchParams }: TransactionPageProps) {
  const page = await loadTransactionPage(searchParams, "Reset your password");
  if ("unavailable" in page) return page.unavailable;
  const { context, csrfCookieValue: cookieValue } = page;
  const { transaction, client, connections } = context;
  const acceptsUsername = connections.some((c) => c.requiresUsername);
  return (
    <Card
      title={<ApplicationHeading action="Reset your password" client={client} />}
      headingLevel={1}
      description={`Enter the ${acceptsUsername ? "email address or username" : "email address"} of your ${client.name} account and we will send you a link to choose a new password.`}
    >
      {!cookieValue && <CookiesBlockedAlert reason="the form needs one to protect you" />}
      <ResetPasswordForm
        state={transaction.id}
        csrfToken={cookieValue ? csrfToken(cookieValue, resetRequestCsrfPurpose(transaction)) : ""}
        acceptsUsername={acceptsUsername}
        loginHint={transaction.request.login_hint ?? ""}
        loginHref={`/u/login?state=${encodeURIComponent(transaction.id)}`}
      />
    </Card>
  );
}
