"use server";
// Server action of the consent form (/u/consent): Accept or Decline (the submit button's
// `decision`). CSRF-checked (bound to this form and this transaction); decideConsent verifies the
// transaction belongs to the browser's session, records the grant or denies, and /authorize goes on.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { runWithActionRequestContext } from "@/lib/http/action-request-context.ts";
import { logger } from "@/lib/logs/logger.ts";
import { AuthorizeError } from "@/lib/oidc/authorize/authorize-error.ts";
import type { AuthorizeOutcome } from "@/lib/oidc/authorize/authorize.ts";
import { findLoginTransaction } from "@/lib/oidc/authorize/login-transactions.ts";
import { decideConsent } from "@/lib/services/login/decide-consent.ts";
import { LoginTransactionError, TransactionSessionError } from "@/lib/services/login/login-errors.ts";
import { currentSessionCookie } from "../_shared/browser-session.ts";
import { formText } from "../_shared/form-text.ts";
import { hostedErrorLocation, lostTransactionLocation } from "../_shared/hosted-error-location.ts";
import { CSRF_FAILED_MESSAGE, SERVICE_UNAVAILABLE_MESSAGE, UNEXPECTED_ERROR_MESSAGE } from "../_shared/messages.ts";
import { sendAuthorizeOutcome } from "../_shared/send-authorize-outcome.ts";
import { transactionFormRefused } from "../_shared/transaction-form-csrf.ts";

export type ConsentFormState = { status: "idle" } | { status: "error"; formError: string };

type Next = { kind: "state"; state: ConsentFormState } | { kind: "redirect"; location: string } | { kind: "done"; outcome: AuthorizeOutcome; transactionId: string };

export async function consentAction(_previous: ConsentFormState, formData: FormData): Promise<ConsentFormState> {
  const requestHeaders = await headers();
  const cookieStore = await cookies();
  const state = formText(formData, "state");
  const decision = formText(formData, "decision");
  const fail = (formError: string): Next => ({ kind: "state", state: { status: "error", formError } });

  const next = await runWithActionRequestContext(requestHeaders, async (): Promise<Next> => {
    try {
      const db = await ready();
      const transaction = await findLoginTransaction(db, state);
      if (!transaction) return { kind: "redirect", location: await lostTransactionLocation(db, state) };
      if (transactionFormRefused("consent", transaction, formData, cookieStore, requestHeaders)) return fail(CSRF_FAILED_MESSAGE);
      if (decision !== "accept" && decision !== "decline") return fail("Choose Accept or Decline.");
      try {
        const outcome = await decideConsent(db, { state, sessionCookie: await currentSessionCookie(), decision });
        return { kind: "done", outcome, transactionId: transaction.id };
      } catch (error) {
        if (error instanceof LoginTransactionError) return { kind: "redirect", location: await lostTransactionLocation(db, state) };
        if (error instanceof TransactionSessionError)
          return { kind: "redirect", location: await hostedErrorLocation(db, { error: "access_denied", description: error.message, clientId: transaction.client_id }) };
        if (error instanceof AuthorizeError)
          return { kind: "redirect", location: await hostedErrorLocation(db, { error: error.error, description: error.description, clientId: transaction.client_id }) };
        throw error;
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) return fail(SERVICE_UNAVAILABLE_MESSAGE);
      logger().error({ err: error }, "consent failed");
      return fail(UNEXPECTED_ERROR_MESSAGE);
    }
  });

  if (next.kind === "state") return next.state;
  if (next.kind === "redirect") redirect(next.location);
  return sendAuthorizeOutcome(next.outcome, next.transactionId);
}
