// /u/logout: the RP-initiated logout confirmation (/oidc/logout without a hint sends people here
// with its parameters, auth0-authentication.md §C.10), and the pages after it:
//   ?done=1     "You have been logged out" (logout-complete)
//   ?aborted=1  "You are still logged in" (logout-aborted)
// Without a live session there is nothing to confirm: the logout completes at once (ending
// nothing), to the validated post_logout_redirect_uri or the "logged out" page.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ServiceUnavailable } from "@/components/hosted/service-unavailable.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Card } from "@/components/ui/card.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { LogoutError, oidcLogout } from "@/lib/oidc/logout.ts";
import { findActiveSession } from "@/lib/oidc/sessions/sessions.ts";
import { csrfCookie, csrfToken } from "@/lib/security/csrf.ts";
import { currentSessionCookie } from "../_shared/browser-session.ts";
import { hostedErrorLocation } from "../_shared/hosted-error-location.ts";
import { LOGOUT_CSRF_PURPOSE } from "./logout-constants.ts";
import { LogoutForm } from "./logout-form.tsx";
import { pickLogoutParams } from "./logout-params.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Log out" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LogoutPage({ searchParams }: Props) {
  const query = await searchParams;
  if (query.done === "1") {
    return (
      <Card title="You have been logged out" headingLevel={1}>
        <Alert tone="success" live>
          You are logged out of every application that used this account. You can close this window.
        </Alert>
      </Card>
    );
  }
  if (query.aborted === "1") {
    return (
      <Card title="You are still logged in" headingLevel={1}>
        <p className="text-sm text-slate-700">Nothing changed. You can close this window or go back to the application.</p>
      </Card>
    );
  }

  const params = pickLogoutParams(query);
  let clientName: string | null = null;
  let location: string | undefined;
  try {
    const db = await ready();
    const session = await findActiveSession(db, await currentSessionCookie());
    if (!session) {
      try {
        const outcome = await oidcLogout(db, { params, sessionCookie: undefined });
        location = outcome.kind === "redirect" ? outcome.location : "/u/logout?done=1";
      } catch (error) {
        if (!(error instanceof LogoutError)) throw error;
        location = await hostedErrorLocation(db, { error: error.error, description: error.description });
      }
    } else if (params.client_id) {
      clientName = (await db.client.findUnique({ where: { client_id: params.client_id }, select: { name: true } }))?.name ?? null;
    }
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return (
      <Card title="Log out" headingLevel={1}>
        <ServiceUnavailable />
      </Card>
    );
  }
  if (location) redirect(location);

  const cookieValue = (await cookies()).get(csrfCookie().name)?.value;
  return (
    <Card title={clientName ? `Log out of ${clientName}?` : "Log out?"} headingLevel={1}>
      <p className="mb-5 text-sm text-slate-700">
        {clientName ? `${clientName} asks to log you out.` : "An application asks to log you out."} Logging out ends your session here, so
        every application that uses this account will ask you to log in again.
      </p>
      <LogoutForm csrfToken={cookieValue ? csrfToken(cookieValue, LOGOUT_CSRF_PURPOSE) : ""} params={params} />
    </Card>
  );
}
