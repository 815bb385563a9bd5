// What a hosted form's server action decided, and how the action ends with it: the form again
// (its state), a redirect (an error page, a lost transaction), the MFA step (its browser binding
// cookie, then the MFA page), or a finished login (the SSO session cookie, then /authorize's
// outcome: send-authorize-outcome.ts). /u/login, /u/signup and /u/mfa end this way.
import { redirect } from "next/navigation";
import type { CompletedLogin } from "@/lib/services/login/complete-login.ts";
import type { MfaStepRequired } from "@/lib/services/login/login-errors.ts";
import { setSessionCookie } from "./browser-session.ts";
import { clearMfaBinding, setMfaBinding } from "./mfa-binding.ts";
import { sendAuthorizeOutcome } from "./send-authorize-outcome.ts";

export type HostedStep<S> =
  | { kind: "state"; state: S }
  | { kind: "redirect"; location: string }
  | { kind: "mfa"; step: MfaStepRequired }
  | { kind: "done"; completed: CompletedLogin; transactionId: string };

/** `clearMfaBinding`: the login finished its MFA step, so the step's binding cookie goes. */
export async function finishHostedStep<S>(next: HostedStep<S>, options: { clearMfaBinding?: boolean } = {}): Promise<S> {
  if (next.kind === "state") return next.state;
  if (next.kind === "redirect") redirect(next.location);
  if (next.kind === "mfa") {
    await setMfaBinding(next.step.browserBinding);
    redirect(next.step.location);
  }
  if (options.clearMfaBinding) await clearMfaBinding();
  await setSessionCookie(next.completed.sessionCookie.value, next.completed.sessionCookie.maxAgeSeconds);
  return sendAuthorizeOutcome(next.completed.outcome, next.transactionId);
}
