// The hosted signup form (/u/signup): creates the account through the one public-signup service
// that /dbconnections/signup also uses (lib/services/authentication/sign-up-database-user.ts: the
// connection's rules with full validation, disable_signup, rate limits and suspicious-IP throttling,
// `ss`/`fs` events, the verification email), in the transaction's signup connection, and turns its
// Auth0 error codes into what the page shows, on the right field. The caller then logs the new
// user in (completeLogin).
//
// An email (or username) that already has an account: the tenant flag
// `enable_public_signup_user_exists_error` decides, as in Auth0 (§9.1). Off — the default — the
// page gets the same generic answer it gets for any refusal that is not about what was typed
// (never "already exists", never on the email field), and the duplicate costs the same time as a
// success, because the password is hashed before the insert that discovers it. On, the person is
// told.
import type { Db } from "../../db/client.ts";
import { AttackProtectionError } from "../../attack-protection/errors.ts";
import { passwordPolicyFailures } from "../../passwords/password-policy.ts";
import { SignupError as PublicSignupError, signUpDatabaseUser } from "../authentication/sign-up-database-user.ts";
import type { LoginContext } from "./login-context.ts";

export type SignupFailure =
  | "signup_disabled"
  | "invalid_signup"
  | "user_exists"
  | "username_exists"
  | "invalid_password"
  | "invalid_email"
  | "invalid_username"
  | "too_many_attempts";

export class SignupError extends Error {
  override name = "SignupError";
  constructor(
    readonly code: SignupFailure,
    message: string,
    /** The form field the message belongs to, when it is about one. */
    readonly field?: "email" | "username" | "password",
  ) {
    super(message);
  }
}

/** What the page says for a refusal it must not explain (Auth0's `invalid_signup`). */
export const INVALID_SIGNUP = "We couldn’t create an account with these details. Check them, or log in if you have signed up before.";

export type SignupRequest = { email: string; username?: string; password: string };

function pageError(error: PublicSignupError, input: SignupRequest, context: LoginContext): SignupError {
  switch (error.code) {
    case "operation_not_allowed":
      return new SignupError("signup_disabled", `Sign up is not available for ${context.client.name}.`);
    case "invalid_password": {
      const policy = context.signupConnection?.passwordPolicy ?? {};
      const failures = passwordPolicyFailures(input.password, policy, { email: input.email, username: input.username ?? null });
      const list = failures.map((f) => f.message.toLowerCase()).join("; ");
      return new SignupError("invalid_password", `The password is too weak${list ? `: ${list}` : ""}.`, "password");
    }
    case "password_leaked":
      return new SignupError("invalid_password", "This password has appeared in a data breach on another website. Choose a different one.", "password");
    case "password_dictionary_error":
      return new SignupError("invalid_password", "This password is too common. Choose another one.", "password");
    case "password_no_user_info_error":
      return new SignupError("invalid_password", "The password must not contain your name, username or email address.", "password");
    case "user_exists":
      return new SignupError("user_exists", "An account with this email address already exists. Log in instead.", "email");
    case "username_exists":
      return new SignupError("username_exists", "This username is already taken. Choose another one.", "username");
    case "invalid_body": {
      const about = error.message;
      const username = /'([^']*)' on property username/.exec(about);
      if (username || /property: username/.test(about)) return new SignupError("invalid_username", username?.[1] ?? "Choose a username.", "username");
      return new SignupError("invalid_email", "Enter a valid email address, e.g. you@example.com", "email");
    }
    default:
      return new SignupError("invalid_signup", INVALID_SIGNUP);
  }
}

export async function signupUser(db: Db, context: LoginContext, input: SignupRequest, meta: { ip?: string } = {}) {
  // Every connection offered has disable_signup: the first one refuses (and logs `fs`) as Auth0 would.
  const connection = context.signupConnection ?? context.connections[0];
  if (!connection) throw new SignupError("signup_disabled", `Sign up is not available for ${context.client.name}.`);
  try {
    const { user } = await signUpDatabaseUser(
      db,
      { client: context.client, connection: connection.row },
      { email: input.email, password: input.password, ...(connection.requiresUsername ? { username: input.username ?? "" } : {}) },
      { ip: meta.ip },
    );
    return { user, connection: { id: connection.id, name: connection.name } };
  } catch (error) {
    if (error instanceof PublicSignupError) throw pageError(error, input, context);
    if (error instanceof AttackProtectionError) throw new SignupError("too_many_attempts", error.message);
    throw error;
  }
}
