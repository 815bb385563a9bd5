// CSRF for the dashboard's forms and server actions (lib/security/csrf.ts: a signed double-submit
// token plus the Origin check). Every page that renders a form passes `await dashboardCsrfToken()`
// to its client form; every server action hands the token back to dashboardAction() (or
// verifyDashboardCsrf), which refuses the call without a token matching the browser's cookie.
// Server actions are POSTs to the page's own path, so proxy.ts (matcher /dashboard/:path*) has
// set the cookie on the GET that rendered the form.
import { cookies, headers } from "next/headers";
import { csrfCookie, csrfToken, verifyCsrf } from "../security/csrf.ts";

export const DASHBOARD_CSRF_PURPOSE = "dashboard";

/** The hidden-field token for dashboard forms ("" when the browser has no CSRF cookie). */
export async function dashboardCsrfToken(): Promise<string> {
  const value = (await cookies()).get(csrfCookie().name)?.value;
  return value ? csrfToken(value, DASHBOARD_CSRF_PURPOSE) : "";
}

/** Throws CsrfError unless `token` matches this browser's cookie and the request is same-origin. */
export async function verifyDashboardCsrf(token: string | null | undefined): Promise<void> {
  const [cookieStore, requestHeaders] = await Promise.all([cookies(), headers()]);
  verifyCsrf({
    cookieValue: cookieStore.get(csrfCookie().name)?.value,
    token,
    origin: requestHeaders.get("origin"),
    purpose: DASHBOARD_CSRF_PURPOSE,
  });
}
