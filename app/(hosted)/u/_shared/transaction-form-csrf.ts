// The CSRF check of the hosted forms that advance a login transaction (login, signup, consent):
// the token must be bound to the browser's CSRF cookie, to this form and to this transaction
// (lib/services/login/transaction-csrf.ts), and the request must come from the issuer's origin.
import type { cookies, headers } from "next/headers";
import { logger } from "@/lib/logs/logger.ts";
import { CSRF_FIELD, CsrfError, csrfCookie, verifyCsrf } from "@/lib/security/csrf.ts";
import { transactionCsrfPurpose, type TransactionForm } from "@/lib/services/login/transaction-csrf.ts";
import type { LoginTransaction } from "@/lib/oidc/authorize/login-transactions.ts";
import { formText } from "./form-text.ts";

/** True when the form is refused (and logged); false when it passes. Other errors are thrown. */
export function transactionFormRefused(
  form: TransactionForm,
  transaction: Pick<LoginTransaction, "id" | "csrf_secret">,
  formData: FormData,
  cookieStore: Awaited<ReturnType<typeof cookies>>,
  requestHeaders: Awaited<ReturnType<typeof headers>>,
): boolean {
  try {
    verifyCsrf({
      cookieValue: cookieStore.get(csrfCookie().name)?.value,
      token: formText(formData, CSRF_FIELD),
      origin: requestHeaders.get("origin"),
      purpose: transactionCsrfPurpose(form, transaction),
    });
    return false;
  } catch (error) {
    if (!(error instanceof CsrfError)) throw error;
    logger().warn({ reason: error.reason }, `${form} form refused: CSRF check failed`);
    return true;
  }
}
