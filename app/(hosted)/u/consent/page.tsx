// /u/consent?state=<transaction>: the application asks for access to the user's data or to an API
// (auth0-authentication.md §C.8). Only for the transaction's own user, in the browser session that
// logged in; anything else is the error page.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ServiceUnavailable } from "@/components/hosted/service-unavailable.tsx";
import { Card } from "@/components/ui/card.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { csrfCookie, csrfToken } from "@/lib/security/csrf.ts";
import { loadConsent, type ConsentContext, type ConsentScope } from "@/lib/services/login/load-consent.ts";
import { LoginTransactionError, TransactionSessionError } from "@/lib/services/login/login-errors.ts";
import { transactionCsrfPurpose } from "@/lib/services/login/transaction-csrf.ts";
import { ApplicationHeading } from "../_shared/application-heading.tsx";
import { currentSessionCookie } from "../_shared/browser-session.ts";
import { hostedErrorLocation, lostTransactionLocation } from "../_shared/hosted-error-location.ts";
import { ConsentForm } from "./consent-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Authorize application" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function ScopeList({ title, scopes }: { title: string; scopes: ConsentScope[] }) {
  return (
    <section className="flex flex-col gap-2">
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      <ul className="flex flex-col gap-1.5 text-sm text-slate-700">
        {scopes.map((scope) => (
          <li key={scope.value} className="flex gap-2" data-scope={scope.value}>
            <span aria-hidden="true" className="text-brand-700">
              •
            </span>
            <span>{scope.description}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default async function ConsentPage({ searchParams }: Props) {
  const { state: raw } = await searchParams;
  const state = typeof raw === "string" ? raw : undefined;

  let consent: ConsentContext | undefined;
  let elsewhere: string | undefined;
  try {
    const db = await ready();
    try {
      consent = await loadConsent(db, { state, sessionCookie: await currentSessionCookie() });
    } catch (error) {
      if (error instanceof LoginTransactionError) elsewhere = await lostTransactionLocation(db, state);
      else if (error instanceof TransactionSessionError) elsewhere = await hostedErrorLocation(db, { error: "access_denied", description: error.message });
      else throw error;
    }
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return (
      <Card title="Authorize application" headingLevel={1}>
        <ServiceUnavailable />
      </Card>
    );
  }
  if (!consent) redirect(elsewhere!);

  const { transaction, client, user, profileScopes, api } = consent;
  const cookieValue = (await cookies()).get(csrfCookie().name)?.value;
  const who = user.email ?? user.name;
  return (
    <Card
      title={<ApplicationHeading action={`Authorize ${client.name}`} client={client} />}
      headingLevel={1}
      description={
        <>
          <strong className="font-semibold text-slate-900">{client.name}</strong> is asking for access to your account
          {who ? (
            <>
              {" "}
              (<span data-testid="consent-user">{who}</span>)
            </>
          ) : null}
          .
        </>
      }
    >
      <div className="flex flex-col gap-5">
        {profileScopes.length > 0 && <ScopeList title="Your profile" scopes={profileScopes} />}
        {api && api.scopes.length > 0 && <ScopeList title={api.name} scopes={api.scopes} />}
        {profileScopes.length === 0 && (!api || api.scopes.length === 0) && (
          <p className="text-sm text-slate-700">It asks to confirm who you are{api ? ` and to use ${api.name} on your behalf` : ""}.</p>
        )}
        <p className="text-xs text-slate-600">You can withdraw this access later. Decline to go back to the application without sharing anything.</p>
        <ConsentForm state={transaction.id} csrfToken={cookieValue ? csrfToken(cookieValue, transactionCsrfPurpose("consent", transaction)) : ""} />
      </div>
    </Card>
  );
}
