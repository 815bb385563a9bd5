"use server";
// Server action of the hosted login form (/u/login). Works with and without JavaScript. Checks
// CSRF (bound to this form and this transaction), validates, then loginWithPassword
// (lib/services/login): credentials → SSO session (the cookie is set here) → login record → the
// rest of /authorize. Ends in a redirect to the application (or the next hosted page); returns a
// state only to show an error on the form.
import { cookies, headers } from "next/headers";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { runWithActionRequestContext } from "@/lib/http/action-request-context.ts";
import { clientIp } from "@/lib/http/client-ip.ts";
import { logger } from "@/lib/logs/logger.ts";
import { AuthorizeError } from "@/lib/oidc/authorize/authorize-error.ts";
import { loginSchema, type LoginField } from "@/lib/schemas/hosted-login.ts";
import { PasswordLoginError, WRONG_CREDENTIALS } from "@/lib/services/authentication/authenticate-password.ts";
import { loadLoginContext } from "@/lib/services/login/login-context.ts";
import { LoginTransactionError, MfaStepRequired } from "@/lib/services/login/login-errors.ts";
import { loginWithPassword } from "@/lib/services/login/login-with-password.ts";
import { currentSessionCookie } from "../_shared/browser-session.ts";
import { formText } from "../_shared/form-text.ts";
import { hostedErrorLocation, lostTransactionLocation } from "../_shared/hosted-error-location.ts";
import { finishHostedStep, type HostedStep } from "../_shared/hosted-step.ts";
import { transactionFormRefused } from "../_shared/transaction-form-csrf.ts";
import { CSRF_FAILED_MESSAGE, SERVICE_UNAVAILABLE_MESSAGE, UNEXPECTED_ERROR_MESSAGE } from "../_shared/messages.ts";

export type LoginFormState =
  | { status: "idle" }
  | {
      status: "error";
      formError?: string;
      fieldErrors?: Partial<Record<LoginField, string>>;
      /** Echoed so a no-JavaScript re-render keeps what was typed (never the password). */
      values: { identifier: string };
    };

/**
 * What the login page says for each PasswordLoginError code: wrong credentials in Auth0's words
 * (the same for an unknown user and a wrong password), a blocked user plainly; attack protection's
 * refusals (too_many_attempts, ip_throttled, too_many_requests) and any code added later carry
 * their own user-facing message.
 */
function passwordLoginMessage(error: PasswordLoginError): string {
  switch (error.code) {
    case "invalid_user_password":
      return WRONG_CREDENTIALS;
    case "blocked":
      return "This account has been blocked. Contact the application’s support team if you think this is a mistake.";
    default: {
      const wait = error.retryAfterSeconds ? ` Try again in ${Math.max(1, Math.ceil(error.retryAfterSeconds / 60))} minute${error.retryAfterSeconds > 60 ? "s" : ""}.` : "";
      return `${error.message || "We couldn’t log you in right now."}${wait}`;
    }
  }
}

type Next = HostedStep<LoginFormState>;

export async function loginAction(_previous: LoginFormState, formData: FormData): Promise<LoginFormState> {
  const requestHeaders = await headers();
  const cookieStore = await cookies();
  const state = formText(formData, "state");
  const raw = { identifier: formText(formData, "identifier"), password: formText(formData, "password") };
  const values = { identifier: raw.identifier.slice(0, 320) };
  const fail = (formError?: string, fieldErrors?: Partial<Record<LoginField, string>>): Next => ({
    kind: "state",
    state: { status: "error", ...(formError ? { formError } : {}), ...(fieldErrors ? { fieldErrors } : {}), values },
  });

  const next = await runWithActionRequestContext(requestHeaders, async (): Promise<Next> => {
    try {
      const db = await ready();
      const context = await loadLoginContext(db, state);
      if (!context) return { kind: "redirect", location: await lostTransactionLocation(db, state) };
      if (transactionFormRefused("login", context.transaction, formData, cookieStore, requestHeaders)) return fail(CSRF_FAILED_MESSAGE);
      const acceptsUsername = context.connections.some((c) => c.requiresUsername);
      const parsed = loginSchema(acceptsUsername).safeParse(raw);
      if (!parsed.success) {
        const fieldErrors: Partial<Record<LoginField, string>> = {};
        for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as LoginField] ??= issue.message;
        return fail(undefined, fieldErrors);
      }
      try {
        const completed = await loginWithPassword(db, {
          state,
          identifier: parsed.data.identifier,
          password: parsed.data.password,
          currentSessionCookie: await currentSessionCookie(),
          ip: clientIp(requestHeaders),
          userAgent: requestHeaders.get("user-agent") ?? undefined,
        });
        return { kind: "done", completed, transactionId: context.transaction.id };
      } catch (error) {
        if (error instanceof PasswordLoginError) return fail(passwordLoginMessage(error));
        if (error instanceof LoginTransactionError) return { kind: "redirect", location: await lostTransactionLocation(db, state) };
        if (error instanceof MfaStepRequired) return { kind: "mfa", step: error };
        if (error instanceof AuthorizeError)
          return { kind: "redirect", location: await hostedErrorLocation(db, { error: error.error, description: error.description, clientId: context.client.client_id }) };
        throw error;
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) return fail(SERVICE_UNAVAILABLE_MESSAGE);
      logger().error({ err: error }, "login failed");
      return fail(UNEXPECTED_ERROR_MESSAGE);
    }
  });

  return finishHostedStep(next);
}
