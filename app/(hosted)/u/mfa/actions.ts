"use server";
// Server actions of the MFA page (/u/mfa; lib/services/login/login-mfa.ts). Both work with and
// without JavaScript and check CSRF (bound to the "mfa" form and this transaction) and the
// browser binding cookie.
//   mfaVerifyAction    a code from the authenticator app (enrollment or challenge) or a recovery
//                      code; when it made a new recovery code, back to the page, which shows it
//                      with Continue; else the login completes at once.
//   mfaContinueAction  after the new recovery code was shown: completes the login.
// Completing: the SSO session cookie (amr pwd + mfa), the binding cookie cleared, then what
// /authorize decided (the application, or consent).
import { cookies, headers } from "next/headers";
import { ready } from "@/lib/boot/ready.ts";
import type { Db } from "@/lib/db/client.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { runWithActionRequestContext } from "@/lib/http/action-request-context.ts";
import { clientIp } from "@/lib/http/client-ip.ts";
import { logger } from "@/lib/logs/logger.ts";
import { AuthorizeError } from "@/lib/oidc/authorize/authorize-error.ts";
import { PasswordLoginError } from "@/lib/services/authentication/authenticate-password.ts";
import { loadLoginContext } from "@/lib/services/login/login-context.ts";
import { LoginTransactionError } from "@/lib/services/login/login-errors.ts";
import { finishLoginMfa, verifyLoginMfa } from "@/lib/services/login/login-mfa.ts";
import { MfaCodeError } from "@/lib/services/mfa/verify-mfa-code.ts";
import { currentSessionCookie } from "../_shared/browser-session.ts";
import { formText } from "../_shared/form-text.ts";
import { hostedErrorLocation, lostTransactionLocation } from "../_shared/hosted-error-location.ts";
import { CSRF_FAILED_MESSAGE, SERVICE_UNAVAILABLE_MESSAGE, UNEXPECTED_ERROR_MESSAGE } from "../_shared/messages.ts";
import { clearMfaBinding, currentMfaBinding } from "../_shared/mfa-binding.ts";
import { finishHostedStep, type HostedStep } from "../_shared/hosted-step.ts";
import { transactionFormRefused } from "../_shared/transaction-form-csrf.ts";

export type MfaFormState = { status: "idle" } | { status: "error"; formError?: string; fieldError?: string };

export type MfaContinueState = { status: "idle" } | { status: "error"; formError: string };

type Next<S> = Exclude<HostedStep<S>, { kind: "mfa" }>;

function codeErrorMessage(error: MfaCodeError): string {
  switch (error.code) {
    case "invalid_code":
      return error.message;
    case "not_enrolled":
      return "There is no authenticator to check this code against. Log in again to set one up.";
    default: {
      const wait = error.retryAfterSeconds ? ` Try again in ${Math.max(1, Math.ceil(error.retryAfterSeconds / 60))} minute${error.retryAfterSeconds > 60 ? "s" : ""}.` : "";
      return `${error.message}${wait}`;
    }
  }
}

/** The errors both actions share: where the browser goes, or the message the form shows. */
async function commonFailure<S>(db: Db, error: unknown, state: string, clientId: string, fail: (message: string) => Next<S>): Promise<Next<S>> {
  if (error instanceof LoginTransactionError) return { kind: "redirect", location: await lostTransactionLocation(db, state) };
  if (error instanceof PasswordLoginError)
    return fail(error.code === "blocked" ? "This account has been blocked. Contact the application’s support team if you think this is a mistake." : error.message);
  if (error instanceof AuthorizeError) return { kind: "redirect", location: await hostedErrorLocation(db, { error: error.error, description: error.description, clientId }) };
  throw error;
}

const finish = <S,>(next: Next<S>): Promise<S> => finishHostedStep(next, { clearMfaBinding: true });

export async function mfaVerifyAction(_previous: MfaFormState, formData: FormData): Promise<MfaFormState> {
  const requestHeaders = await headers();
  const cookieStore = await cookies();
  const state = formText(formData, "state");
  const kind = formText(formData, "kind") === "recovery-code" ? "recovery-code" : "otp";
  const code = formText(formData, "code").trim().slice(0, 64);
  const fail = (formError?: string, fieldError?: string): Next<MfaFormState> => ({
    kind: "state",
    state: { status: "error", ...(formError ? { formError } : {}), ...(fieldError ? { fieldError } : {}) },
  });

  const next = await runWithActionRequestContext(requestHeaders, async (): Promise<Next<MfaFormState>> => {
    try {
      const db = await ready();
      const context = await loadLoginContext(db, state);
      if (!context) return { kind: "redirect", location: await lostTransactionLocation(db, state) };
      if (transactionFormRefused("mfa", context.transaction, formData, cookieStore, requestHeaders)) return fail(CSRF_FAILED_MESSAGE);
      if (!code) return fail(undefined, kind === "otp" ? "Enter the 6-digit code from your authenticator app." : "Enter your recovery code.");
      const browserBinding = await currentMfaBinding();
      const ip = clientIp(requestHeaders);
      try {
        const verified = await verifyLoginMfa(db, { state, browserBinding, kind, code, ...(ip ? { ip } : {}) });
        if (verified.recoveryCode) return { kind: "redirect", location: `/u/mfa?state=${encodeURIComponent(context.transaction.id)}` };
        const completed = await finishLoginMfa(db, {
          state,
          browserBinding,
          currentSessionCookie: await currentSessionCookie(),
          ip,
          userAgent: requestHeaders.get("user-agent") ?? undefined,
        });
        return { kind: "done", completed, transactionId: context.transaction.id };
      } catch (error) {
        if (error instanceof MfaCodeError) return error.code === "invalid_code" ? fail(undefined, codeErrorMessage(error)) : fail(codeErrorMessage(error));
        return await commonFailure(db, error, state, context.client.client_id, (message) => fail(message));
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) return fail(SERVICE_UNAVAILABLE_MESSAGE);
      logger().error({ err: error }, "mfa verification failed");
      return fail(UNEXPECTED_ERROR_MESSAGE);
    }
  });
  return finish(next);
}

export async function mfaContinueAction(_previous: MfaContinueState, formData: FormData): Promise<MfaContinueState> {
  const requestHeaders = await headers();
  const cookieStore = await cookies();
  const state = formText(formData, "state");
  const fail = (formError: string): Next<MfaContinueState> => ({ kind: "state", state: { status: "error", formError } });

  const next = await runWithActionRequestContext(requestHeaders, async (): Promise<Next<MfaContinueState>> => {
    try {
      const db = await ready();
      const context = await loadLoginContext(db, state);
      if (!context) return { kind: "redirect", location: await lostTransactionLocation(db, state) };
      if (transactionFormRefused("mfa", context.transaction, formData, cookieStore, requestHeaders)) return fail(CSRF_FAILED_MESSAGE);
      try {
        const completed = await finishLoginMfa(db, {
          state,
          browserBinding: await currentMfaBinding(),
          currentSessionCookie: await currentSessionCookie(),
          ip: clientIp(requestHeaders),
          userAgent: requestHeaders.get("user-agent") ?? undefined,
        });
        return { kind: "done", completed, transactionId: context.transaction.id };
      } catch (error) {
        return await commonFailure(db, error, state, context.client.client_id, fail);
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) return fail(SERVICE_UNAVAILABLE_MESSAGE);
      logger().error({ err: error }, "mfa login completion failed");
      return fail(UNEXPECTED_ERROR_MESSAGE);
    }
  });
  return finish(next);
}
