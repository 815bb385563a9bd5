"use server";
// Server action of the logout confirmation (/u/logout). "Log out": oidcLogout with the user's
// confirmation — the SSO session ends for every application — then the validated
// post_logout_redirect_uri (with `state`), or the "logged out" page. "Stay logged in": nothing
// changes. CSRF-checked; a bad redirect target shows the error page, never the URL.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { runWithActionRequestContext } from "@/lib/http/action-request-context.ts";
import { logger } from "@/lib/logs/logger.ts";
import { LogoutError, oidcLogout } from "@/lib/oidc/logout.ts";
import { CSRF_FIELD, CsrfError, csrfCookie, verifyCsrf } from "@/lib/security/csrf.ts";
import { clearSessionCookie, currentSessionCookie } from "../_shared/browser-session.ts";
import { formText } from "../_shared/form-text.ts";
import { hostedErrorLocation } from "../_shared/hosted-error-location.ts";
import { CSRF_FAILED_MESSAGE, SERVICE_UNAVAILABLE_MESSAGE, UNEXPECTED_ERROR_MESSAGE } from "../_shared/messages.ts";
import { LOGOUT_CSRF_PURPOSE } from "./logout-constants.ts";
import { pickLogoutParams } from "./logout-params.ts";

export type LogoutFormState = { status: "idle" } | { status: "error"; formError: string };

type Next = { kind: "state"; state: LogoutFormState } | { kind: "redirect"; location: string; clearSession: boolean };

export async function logoutAction(_previous: LogoutFormState, formData: FormData): Promise<LogoutFormState> {
  const requestHeaders = await headers();
  const cookieStore = await cookies();
  const fail = (formError: string): Next => ({ kind: "state", state: { status: "error", formError } });

  const next = await runWithActionRequestContext(requestHeaders, async (): Promise<Next> => {
    try {
      verifyCsrf({
        cookieValue: cookieStore.get(csrfCookie().name)?.value,
        token: formText(formData, CSRF_FIELD),
        origin: requestHeaders.get("origin"),
        purpose: LOGOUT_CSRF_PURPOSE,
      });
    } catch (error) {
      if (!(error instanceof CsrfError)) throw error;
      logger().warn({ reason: error.reason }, "logout form refused: CSRF check failed");
      return fail(CSRF_FAILED_MESSAGE);
    }
    if (formText(formData, "decision") !== "logout") return { kind: "redirect", location: "/u/logout?aborted=1", clearSession: false };
    try {
      const db = await ready();
      try {
        const outcome = await oidcLogout(db, { params: pickLogoutParams(formData), sessionCookie: await currentSessionCookie(), confirmed: true });
        if (outcome.kind === "redirect") return { kind: "redirect", location: outcome.location, clearSession: true };
        return { kind: "redirect", location: "/u/logout?done=1", clearSession: true };
      } catch (error) {
        if (!(error instanceof LogoutError)) throw error;
        return { kind: "redirect", location: await hostedErrorLocation(db, { error: error.error, description: error.description }), clearSession: false };
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) return fail(SERVICE_UNAVAILABLE_MESSAGE);
      logger().error({ err: error }, "logout failed");
      return fail(UNEXPECTED_ERROR_MESSAGE);
    }
  });

  if (next.kind === "state") return next.state;
  if (next.clearSession) await clearSessionCookie();
  redirect(next.location);
}
