"use server";
// Server action of the hosted signup form (/u/signup). Works with and without JavaScript. Checks
// CSRF (bound to this form and this transaction), validates with the same schema as the browser,
// creates the user (lib/services/login/signup-user.ts: the connection's rules, disable_signup,
// enumeration-safe duplicates, `ss`/`fs`), then logs the new user in exactly as the login form does.
import { cookies, headers } from "next/headers";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { runWithActionRequestContext } from "@/lib/http/action-request-context.ts";
import { clientIp } from "@/lib/http/client-ip.ts";
import { logger } from "@/lib/logs/logger.ts";
import { AuthorizeError } from "@/lib/oidc/authorize/authorize-error.ts";
import { signupSchema, type SignupField } from "@/lib/schemas/hosted-login.ts";
import { completeLogin } from "@/lib/services/login/complete-login.ts";
import { loadLoginContext } from "@/lib/services/login/login-context.ts";
import { SignupError, signupUser } from "@/lib/services/login/signup-user.ts";
import { MfaStepRequired } from "@/lib/services/login/login-errors.ts";
import { currentSessionCookie } from "../_shared/browser-session.ts";
import { formText } from "../_shared/form-text.ts";
import { hostedErrorLocation, lostTransactionLocation } from "../_shared/hosted-error-location.ts";
import { CSRF_FAILED_MESSAGE, SERVICE_UNAVAILABLE_MESSAGE, UNEXPECTED_ERROR_MESSAGE } from "../_shared/messages.ts";
import { finishHostedStep, type HostedStep } from "../_shared/hosted-step.ts";
import { transactionFormRefused } from "../_shared/transaction-form-csrf.ts";

export type SignupFormState =
  | { status: "idle" }
  | {
      status: "error";
      formError?: string;
      fieldErrors?: Partial<Record<SignupField, string>>;
      /** Echoed so a no-JavaScript re-render keeps what was typed (never the password). */
      values: { email: string; username: string };
    };

type Next = HostedStep<SignupFormState>;

export async function signupAction(_previous: SignupFormState, formData: FormData): Promise<SignupFormState> {
  const requestHeaders = await headers();
  const cookieStore = await cookies();
  const state = formText(formData, "state");
  const raw = { email: formText(formData, "email"), username: formText(formData, "username"), password: formText(formData, "password") };
  const values = { email: raw.email.slice(0, 254), username: raw.username.slice(0, 128) };
  const fail = (formError?: string, fieldErrors?: Partial<Record<SignupField, string>>): Next => ({
    kind: "state",
    state: { status: "error", ...(formError ? { formError } : {}), ...(fieldErrors ? { fieldErrors } : {}), values },
  });

  const next = await runWithActionRequestContext(requestHeaders, async (): Promise<Next> => {
    try {
      const db = await ready();
      const context = await loadLoginContext(db, state);
      if (!context) return { kind: "redirect", location: await lostTransactionLocation(db, state) };
      if (transactionFormRefused("signup", context.transaction, formData, cookieStore, requestHeaders)) return fail(CSRF_FAILED_MESSAGE);
      const connection = context.signupConnection;
      const rules = connection ?? { passwordPolicy: {}, requiresUsername: false, usernameLength: { min: 1, max: 15 } };
      const parsed = signupSchema(rules).safeParse(raw);
      if (!parsed.success) {
        const fieldErrors: Partial<Record<SignupField, string>> = {};
        for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as SignupField] ??= issue.message;
        return fail(undefined, fieldErrors);
      }
      try {
        const { user, connection: created } = await signupUser(db, context, {
          email: parsed.data.email,
          username: parsed.data.username,
          password: parsed.data.password,
        }, { ip: clientIp(requestHeaders) });
        const completed = await completeLogin(db, {
          transaction: context.transaction,
          user,
          connection: created,
          clientName: context.client.name,
          currentSessionCookie: await currentSessionCookie(),
          ip: clientIp(requestHeaders),
          userAgent: requestHeaders.get("user-agent") ?? undefined,
        });
        return { kind: "done", completed, transactionId: context.transaction.id };
      } catch (error) {
        if (error instanceof SignupError) return error.field ? fail(undefined, { [error.field]: error.message }) : fail(error.message);
        if (error instanceof MfaStepRequired) return { kind: "mfa", step: error };
        if (error instanceof AuthorizeError)
          return { kind: "redirect", location: await hostedErrorLocation(db, { error: error.error, description: error.description, clientId: context.client.client_id }) };
        throw error;
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) return fail(SERVICE_UNAVAILABLE_MESSAGE);
      logger().error({ err: error }, "signup failed");
      return fail(UNEXPECTED_ERROR_MESSAGE);
    }
  });

  return finishHostedStep(next);
}
