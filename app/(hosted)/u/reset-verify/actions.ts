"use server";
// Server action of the new-password form (/u/reset-verify). Works with and without JavaScript.
// Checks CSRF, validates with the browser's schema, then resetPassword (lib/services/
// authentication/reset-password.ts: policy, history, single use, sessions ended, blocks cleared).
// Refusals land on the password field; a used or expired link says so.
import { cookies, headers } from "next/headers";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { runWithActionRequestContext } from "@/lib/http/action-request-context.ts";
import { logger } from "@/lib/logs/logger.ts";
import { passwordPolicyFailures } from "@/lib/passwords/password-policy.ts";
import { CSRF_FIELD, CsrfError, csrfCookie, verifyCsrf } from "@/lib/security/csrf.ts";
import { applicationLoginUrl } from "@/lib/services/authentication/application-login-url.ts";
import { findPasswordResetTicket, resetPassword } from "@/lib/services/authentication/reset-password.ts";
import { AppError } from "@/lib/services/errors.ts";
import { formText } from "../_shared/form-text.ts";
import { CSRF_FAILED_MESSAGE, SERVICE_UNAVAILABLE_MESSAGE, UNEXPECTED_ERROR_MESSAGE } from "../_shared/messages.ts";
import { RESET_VERIFY_CSRF_PURPOSE } from "./reset-verify-constants.ts";
import { resetVerifySchema, type ResetVerifyField } from "./reset-verify-schema.ts";

export type ResetVerifyState =
  | { status: "idle" }
  | { status: "done"; loginUrl: string | null }
  | { status: "invalid_link" }
  | { status: "error"; formError?: string; fieldErrors?: Partial<Record<ResetVerifyField, string>> };

const INVALID_LINK: ResetVerifyState = { status: "invalid_link" };

export async function resetPasswordAction(_previous: ResetVerifyState, formData: FormData): Promise<ResetVerifyState> {
  const requestHeaders = await headers();
  const cookieStore = await cookies();
  const ticket = formText(formData, "ticket");
  const raw = { password: formText(formData, "password"), confirm_password: formText(formData, "confirm_password") };
  const fail = (formError?: string, fieldErrors?: Partial<Record<ResetVerifyField, string>>): ResetVerifyState => ({
    status: "error",
    ...(formError ? { formError } : {}),
    ...(fieldErrors ? { fieldErrors } : {}),
  });

  try {
    verifyCsrf({
      cookieValue: cookieStore.get(csrfCookie().name)?.value,
      token: formText(formData, CSRF_FIELD),
      origin: requestHeaders.get("origin"),
      purpose: RESET_VERIFY_CSRF_PURPOSE,
    });
  } catch (error) {
    if (!(error instanceof CsrfError)) throw error;
    logger().warn({ reason: error.reason }, "password reset form refused: CSRF check failed");
    return fail(CSRF_FAILED_MESSAGE);
  }

  return runWithActionRequestContext(requestHeaders, async (): Promise<ResetVerifyState> => {
    try {
      const db = await ready();
      const view = await findPasswordResetTicket(db, ticket);
      if (!view) return INVALID_LINK;
      const parsed = resetVerifySchema(view.policy, view.personal).safeParse(raw);
      if (!parsed.success) {
        const fieldErrors: Partial<Record<ResetVerifyField, string>> = {};
        for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as ResetVerifyField] ??= issue.message;
        return fail(undefined, fieldErrors);
      }
      try {
        const done = await resetPassword(db, { token: ticket, password: parsed.data.password });
        return { status: "done", loginUrl: await applicationLoginUrl(db, done.clientId) };
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        if (error.errorCode === "invalid_ticket") return INVALID_LINK;
        if (error.errorCode === "password_leaked") return fail(undefined, { password: error.message });
        if (error.errorCode === "password_history_error") return fail(undefined, { password: "Password has previously been used. Choose one you have not used before." });
        if (error.message.startsWith("PasswordDictionaryError")) return fail(undefined, { password: "This password is too common. Choose another one." });
        if (error.message.startsWith("PasswordNoUserInfoError")) return fail(undefined, { password: "The password must not contain your name, username or email." });
        const failures = passwordPolicyFailures(parsed.data.password, view.policy, view.personal);
        return fail(undefined, { password: `The password does not meet the requirements${failures.length ? `: ${failures.map((f) => f.message.toLowerCase()).join("; ")}` : ""}.` });
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) return fail(SERVICE_UNAVAILABLE_MESSAGE);
      logger().error({ err: error }, "password reset failed");
      return fail(UNEXPECTED_ERROR_MESSAGE);
    }
  });
}
