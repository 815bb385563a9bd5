"use server";
// Server action of the "forgot password" form (/u/reset-password). Works with and without
// JavaScript. Checks CSRF and the rate limits (per IP and per identifier), then answers at once
// with the same words whatever happens next: the lookup, the ticket and the email run in the
// background (request-password-reset.ts), so neither the answer nor its timing tells whether an
// account exists.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { AttackProtectionError } from "@/lib/attack-protection/errors.ts";
import { enforceRateLimits } from "@/lib/attack-protection/rate-limits.ts";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { runInBackground } from "@/lib/email/background.ts";
import { runWithActionRequestContext } from "@/lib/http/action-request-context.ts";
import { clientIp } from "@/lib/http/client-ip.ts";
import { logger } from "@/lib/logs/logger.ts";
import { CSRF_FIELD, CsrfError, csrfCookie, verifyCsrf } from "@/lib/security/csrf.ts";
import { requestPasswordReset } from "@/lib/services/authentication/request-password-reset.ts";
import { loadLoginContext } from "@/lib/services/login/login-context.ts";
import { formText } from "../_shared/form-text.ts";
import { lostTransactionLocation } from "../_shared/hosted-error-location.ts";
import { CSRF_FAILED_MESSAGE, SERVICE_UNAVAILABLE_MESSAGE, UNEXPECTED_ERROR_MESSAGE } from "../_shared/messages.ts";
import { resetRequestCsrfPurpose } from "./reset-password-constants.ts";

export type ResetRequestState =
  | { status: "idle" }
  | { status: "sent" }
  | { status: "error"; formError?: string; fieldError?: string; values: { identifier: string } };

type Next = { kind: "state"; state: ResetRequestState } | { kind: "redirect"; location: string };

export async function requestPasswordResetAction(_previous: ResetRequestState, formData: FormData): Promise<ResetRequestState> {
  const requestHeaders = await headers();
  const cookieStore = await cookies();
  const state = formText(formData, "state");
  const identifier = formText(formData, "identifier").trim();
  const values = { identifier: identifier.slice(0, 320) };
  const fail = (formError?: string, fieldError?: string): Next => ({
    kind: "state",
    state: { status: "error", ...(formError ? { formError } : {}), ...(fieldError ? { fieldError } : {}), values },
  });

  const next = await runWithActionRequestContext(requestHeaders, async (): Promise<Next> => {
    try {
      const db = await ready();
      const context = await loadLoginContext(db, state);
      if (!context) return { kind: "redirect", location: await lostTransactionLocation(db, state) };
      try {
        verifyCsrf({
          cookieValue: cookieStore.get(csrfCookie().name)?.value,
          token: formText(formData, CSRF_FIELD),
          origin: requestHeaders.get("origin"),
          purpose: resetRequestCsrfPurpose(context.transaction),
        });
      } catch (error) {
        if (!(error instanceof CsrfError)) throw error;
        logger().warn({ reason: error.reason }, "password reset form refused: CSRF check failed");
        return fail(CSRF_FAILED_MESSAGE);
      }
      const acceptsUsername = context.connections.some((c) => c.requiresUsername);
      if (!identifier) return fail(undefined, acceptsUsername ? "Enter your email address or username." : "Enter your email address.");
      if (identifier.length > 320 || (!acceptsUsername && !/^[^\s@]+@[^\s@]+$/.test(identifier)))
        return fail(undefined, "Enter a valid email address, e.g. you@example.com");
      const ip = clientIp(requestHeaders);
      try {
        await enforceRateLimits(db, "reset", { ip, identifier: identifier.toLowerCase() });
      } catch (error) {
        if (!(error instanceof AttackProtectionError)) throw error;
        return fail(`Too many password reset requests. Try again in ${Math.ceil((error.retryAfterSeconds ?? 60) / 60)} minute(s).`);
      }
      void runInBackground("password reset request", () =>
        requestPasswordReset(db, {
          identifier,
          connections: context.connections.map((c) => c.row),
          clientId: context.client.client_id,
          clientName: context.client.name,
        }),
      );
      return { kind: "state", state: { status: "sent" } };
    } catch (error) {
      if (isDatabaseUnavailable(error)) return fail(SERVICE_UNAVAILABLE_MESSAGE);
      logger().error({ err: error }, "password reset request failed");
      return fail(UNEXPECTED_ERROR_MESSAGE);
    }
  });
  if (next.kind === "redirect") redirect(next.location);
  return next.state;
}
