// Names shared by the password-reset request page and its action.
import type { LoginTransaction } from "@/lib/oidc/authorize/login-transactions.ts";

/** The answer to every well-formed request, whether or not an account exists (enumeration safety). */
export const RESET_REQUESTED_MESSAGE = "If an account exists for this address, we have sent an email with a link to reset its password.";

/** CSRF purpose: this form and this login transaction (its id and secret), like the login form's. */
export function resetRequestCsrfPurpose(transaction: Pick<LoginTransaction, "id" | "csrf_secret">): string {
  return `hosted-reset-password:${transaction.id}:${transaction.csrf_secret}`;
}
