// CSRF purposes of the hosted forms that advance a login transaction. lib/security/csrf.ts binds a
// token to the browser's CSRF cookie and to a purpose; here the purpose names the form AND the
// transaction (its id and its own random `csrf_secret`), so a token rendered for one transaction,
// or for another form of the same transaction, is refused by every other form.
import type { LoginTransaction } from "../../oidc/authorize/login-transactions.ts";

export type TransactionForm = "login" | "signup" | "consent" | "mfa";

export function transactionCsrfPurpose(form: TransactionForm, transaction: Pick<LoginTransaction, "id" | "csrf_secret">): string {
  return `hosted-${form}:${transaction.id}:${transaction.csrf_secret}`;
}
