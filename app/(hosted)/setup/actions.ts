"use server";
// Server action of the first-operator form (/setup). Works with and without JavaScript: the form
// posts here either way. Checks CSRF, re-validates everything, completes the setup
// (lib/services/setup/complete-setup.ts), then redirects to /setup/complete (post/redirect/get),
// carrying the new operator's email in a short-lived signed cookie.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { runWithActionRequestContext } from "@/lib/http/action-request-context.ts";
import { logger } from "@/lib/logs/logger.ts";
import { passwordPolicyFailures } from "@/lib/passwords/password-policy.ts";
import { setupSchema, type SetupField } from "@/lib/schemas/setup.ts";
import { CSRF_FIELD, CsrfError, csrfCookie, verifyCsrf } from "@/lib/security/csrf.ts";
import { AppError } from "@/lib/services/errors.ts";
import { completeSetup } from "@/lib/services/setup/complete-setup.ts";
import { findSetupLink } from "@/lib/services/setup/find-setup-link.ts";
import { hostCookie } from "@/lib/security/host-cookie.ts";
import { signValue } from "@/lib/security/signed-value.ts";
import { SETUP_CSRF_PURPOSE, SETUP_DONE_COOKIE, SETUP_DONE_TTL_SECONDS } from "./setup-constants.ts";

type FieldErrors = Partial<Record<SetupField, string>>;

export type SetupFormState =
  | { status: "idle" }
  | {
      status: "error";
      formError?: string;
      fieldErrors?: FieldErrors;
      /** Echoed so a no-JavaScript re-render keeps what was typed (never the passwords). */
      values: { email: string };
    };

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

export async function completeSetupAction(_previous: SetupFormState, formData: FormData): Promise<SetupFormState> {
  const requestHeaders = await headers();
  const cookieStore = await cookies();
  const token = text(formData.get("token"));
  const raw = { email: text(formData.get("email")), password: text(formData.get("password")), confirm_password: text(formData.get("confirm_password")) };
  const values = { email: raw.email.slice(0, 254) };
  const fail = (formError: string | undefined, fieldErrors?: FieldErrors): SetupFormState => ({
    status: "error",
    ...(formError ? { formError } : {}),
    ...(fieldErrors ? { fieldErrors } : {}),
    values,
  });

  try {
    verifyCsrf({
      cookieValue: cookieStore.get(csrfCookie().name)?.value,
      token: text(formData.get(CSRF_FIELD)),
      origin: requestHeaders.get("origin"),
      purpose: SETUP_CSRF_PURPOSE,
    });
  } catch (error) {
    if (!(error instanceof CsrfError)) throw error;
    logger().warn({ reason: error.reason }, "setup form refused: CSRF check failed");
    return fail("This form has expired or was not sent from this site. Reload the page (cookies must be enabled) and try again.");
  }

  const outcome = await runWithActionRequestContext(requestHeaders, async (): Promise<SetupFormState | { email: string }> => {
    try {
      const db = await ready();
      const link = await findSetupLink(db, token);
      if (link.status === "invalid") return fail("This setup link is invalid, expired or already used.");
      if (link.status === "operator_exists") return fail("An operator already exists. Sign in instead.");

      const parsed = setupSchema(link.passwordPolicy).safeParse(raw);
      if (!parsed.success) {
        const fieldErrors: FieldErrors = {};
        for (const issue of parsed.error.issues) {
          const field = issue.path[0] as SetupField;
          fieldErrors[field] ??= issue.message;
        }
        return fail(undefined, fieldErrors);
      }
      try {
        const user = await completeSetup(db, { token, email: parsed.data.email, password: parsed.data.password });
        return { email: user.email };
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        switch (error.errorCode) {
          case "password_strength_error": {
            const failures = passwordPolicyFailures(parsed.data.password, link.passwordPolicy, { email: parsed.data.email });
            const list = failures.map((f) => f.message.toLowerCase()).join("; ");
            return fail(undefined, { password: `The password does not meet the requirements${list ? `: ${list}` : ""}.` });
          }
          case "invalid_body":
            return fail(undefined, { email: "Enter a valid email address, e.g. you@example.com" });
          case "auth0_idp_error":
            return fail(undefined, { email: "An account with this email address already exists." });
          case "operator_exists":
            return fail("An operator already exists. Sign in instead.");
          default:
            return fail(error.message);
        }
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) return fail("Gatehouse cannot reach its database right now. Try again in a moment.");
      logger().error({ err: error }, "setup failed");
      return fail("Something went wrong on our side. Try again; if it keeps failing, the server log says why.");
    }
  });
  if ("status" in outcome) return outcome;

  const done = hostCookie(SETUP_DONE_COOKIE, SETUP_DONE_TTL_SECONDS);
  cookieStore.set(done.name, signValue(SETUP_DONE_COOKIE, outcome.email, SETUP_DONE_TTL_SECONDS), done.options);
  redirect("/setup/complete");
}
