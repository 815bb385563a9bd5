// What the hosted pages that render a login transaction (/u/login, /u/signup, /u/reset-password)
// start with: the transaction named by `?state=`, with its application and connections, and the
// browser's CSRF cookie. An unknown or expired transaction redirects to the error page (or the
// application's login URL), never to a URL taken from the request; a database outage renders the
// "service unavailable" card under the page's title.
import type { ReactElement } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ServiceUnavailable } from "@/components/hosted/service-unavailable.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Card } from "@/components/ui/card.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { csrfCookie } from "@/lib/security/csrf.ts";
import { loadLoginContext, type LoginContext } from "@/lib/services/login/login-context.ts";
import { lostTransactionLocation } from "./hosted-error-location.ts";

export type TransactionPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export type TransactionPage = { context: LoginContext; csrfCookieValue: string | undefined } | { unavailable: ReactElement };

export async function loadTransactionPage(searchParams: TransactionPageProps["searchParams"], title: string): Promise<TransactionPage> {
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
    return {
      unavailable: (
        <Card title={title} headingLevel={1}>
          <ServiceUnavailable />
        </Card>
      ),
    };
  }
  if (!context) redirect(lost!);
  return { context, csrfCookieValue: (await cookies()).get(csrfCookie().name)?.value };
}

/** Shown when the browser sent no CSRF cookie: the form cannot be accepted without one. */
export function CookiesBlockedAlert({ reason }: { reason: string }) {
  return (
    <Alert tone="warning" className="mb-5">
      Cookies appear to be blocked. Allow cookies for this site, then reload the page: {reason}.
    </Alert>
  );
}
