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

/**
 * The password was right and a second factor is needed (lib/services/login/login-mfa.ts): the
 * browser goes to the MFA page, carrying `browserBinding` in a cookie (the page serves only the
 * browser that passed the password step).
 */
export class MfaStepRequired extends Error {
  override name = "MfaStepRequired";
  constructor(
    readonly location: string,
    readonly browserBinding: string,
  ) {
    super("A second factor is required.");
  }
}
