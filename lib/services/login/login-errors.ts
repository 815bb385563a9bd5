// Errors of the hosted login flow that the pages turn into messages. Wrong credentials and blocked
// users come from authenticatePassword (PasswordLoginError); signup failures are SignupError
// (signup-user.ts).

/** The `state` names no live transaction (unknown, expired, completed, or its application is gone). */
export class LoginTransactionError extends Error {
  override name = "LoginTransactionError";
  constructor(message = "This login link is invalid or has expired.") {
    super(message);
  }
}

/** The transaction belongs to another user or session than the browser's (consent, continue). */
export class TransactionSessionError extends Error {
  override name = "TransactionSessionError";
  constructor(message = "This page belongs to a sign-in that is not yours or has ended.") {
    super(message);
  }
}
