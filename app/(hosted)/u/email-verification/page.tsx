// /u/email-verification?ticket=...: the link of the verification email (and of Management API
// email-verification tickets), auth0-authentication.md C.5. Following it verifies the address at
// once, as Auth0's link does; the result page offers a way back to the application when one is
// configured. A link used a second time by a verified user (or first followed by a mail scanner)
// says the account is already verified rather than failing.
import type { Metadata } from "next";
import { ServiceUnavailable } from "@/components/hosted/service-unavailable.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Card } from "@/components/ui/card.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { runWithActionRequestContext } from "@/lib/http/action-request-context.ts";
import { applicationLoginUrl } from "@/lib/services/authentication/application-login-url.ts";
import { verifyEmailWithTicket, type EmailVerificationOutcome } from "@/lib/services/authentication/verify-email.ts";
import { headers } from "next/headers";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Email verification", referrer: "no-referrer" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EmailVerificationPage({ searchParams }: Props) {
  const { ticket: raw } = await searchParams;
  const ticket = typeof raw === "string" ? raw : "";
  let outcome: EmailVerificationOutcome;
  let loginUrl: string | null = null;
  try {
    const db = await ready();
    outcome = await runWithActionRequestContext(await headers(), () => verifyEmailWithTicket(db, ticket));
    if (outcome.status !== "invalid") loginUrl = await applicationLoginUrl(db, outcome.clientId);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return (
      <Card title="Email verification" headingLevel={1}>
        <ServiceUnavailable />
      </Card>
    );
  }

  if (outcome.status === "invalid") {
    return (
      <Card title="This link can’t be used" headingLevel={1}>
        <Alert tone="error">This verification link is invalid, has expired or has already been used.</Alert>
        <p className="mt-4 text-sm text-slate-600">
          Links work once and for a limited time, and a newer verification email replaces older ones. Log in to the application
          to ask for a new one, or contact its support team.
        </p>
      </Card>
    );
  }
  return (
    <Card title={outcome.status === "verified" ? "Email address verified" : "Already verified"} headingLevel={1}>
      <Alert tone="success" live>
        {outcome.status === "verified" ? "Your email was verified. You can continue using the application." : "This account is already verified."}
        {outcome.email && (
          <>
            {" "}
            (<strong className="font-semibold">{outcome.email}</strong>)
          </>
        )}
      </Alert>
      {loginUrl ? (
        <a href={loginUrl} className="mt-5 inline-flex min-h-10 w-full items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
          Back to the application
        </a>
      ) : (
        <p className="mt-4 text-sm text-slate-600">You can close this page and go back to the application.</p>
      )}
    </Card>
  );
}
