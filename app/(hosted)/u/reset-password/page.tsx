// /u/reset-password?state=<transaction>: "forgot your password?" (auth0-authentication.md C.4,
// reset-password-request). Renders the login transaction's application; an unknown or expired
// transaction goes where the login page would send it.
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
import { ApplicationHeading } from "../_shared/application-heading.tsx";
import { lostTransactionLocation } from "../_shared/hosted-error-location.ts";
import { resetRequestCsrfPurpose } from "./reset-password-constants.ts";
import { ResetPasswordForm } from "./reset-password-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reset your password" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResetPasswordPage({ searchParams }: Props) {
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
      <Card title="Reset your password" headingLevel={1}>
        <ServiceUnavailable />
      </Card>
    );
  }
  if (!context) redirect(lost!);

  const { transaction, client, connections } = context;
  const acceptsUsername = connections.some((c) => c.requiresUsername);
  const cookieValue = (await cookies()).get(csrfCookie().name)?.value;
  return (
    <Card
      title={<ApplicationHeading action="Reset your password" client={client} />}
      headingLevel={1}
      description={`Enter the ${acceptsUsername ? "email address or username" : "email address"} of your ${client.name} account and we will send you a link to choose a new password.`}
    >
      {!cookieValue && (
        <Alert tone="warning" className="mb-5">
          Cookies appear to be blocked. Allow cookies for this site, then reload the page: the form needs one to protect you.
        </Alert>
      )}
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
