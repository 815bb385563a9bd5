// Public signup into a database connection (POST /dbconnections/signup, auth0-authentication.md
// §9.1, C.3), with Auth0's signup error codes:
//   invalid_signup            the user (email or username) exists, while the tenant keeps that
//                             secret (flag enable_public_signup_user_exists_error off, the default)
//   user_exists / username_exists   the same, with the flag on
//   invalid_password          the policy's strength rules; description = the policy report
//   password_dictionary_error / password_no_user_info_error
//   password_leaked           breached password detection's pre-user-registration `block` shield
//   operation_not_allowed     the connection has disable_signup (Auth0 answers "public signup is disabled")
//   invalid_body              a missing or malformed field
// Signups are rate-limited per identifier and throttled per IP (suspicious IP throttling,
// pre-user-registration). A new user gets the verification email; `ss` / `fs` are logged.
import type { Db } from "../../db/client.ts";
import { enforceRateLimits } from "../../attack-protection/rate-limits.ts";
import { throttleSignup } from "../../attack-protection/suspicious-ip-throttling.ts";
import { BreachedPasswordError, screenNewPassword } from "../../attack-protection/breached-password-detection.ts";
import { runInBackground } from "../../email/background.ts";
import { sendVerificationEmail } from "../../email/send-verification-email.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { AppError } from "../errors.ts";
import { connectionRules, insertDatabaseUser, prepareDatabaseUser } from "../users/create-database-user.ts";
import { passwordPolicyReport } from "./password-policy-report.ts";

export class SignupError extends Error {
  override name = "SignupError";
  constructor(
    readonly code: string,
    readonly description: string | Record<string, unknown>,
    readonly statusCode = 400,
  ) {
    super(typeof description === "string" ? description : code);
  }
}

export type SignupInput = {
  email: string;
  password: string;
  username?: string;
  given_name?: string;
  family_name?: string;
  name?: string;
  nickname?: string;
  picture?: string;
  user_metadata?: Record<string, string>;
};

export type SignupTarget = {
  client: { client_id: string; name: string };
  connection: { id: string; name: string; strategy: string; options: unknown };
};

async function userExistsDisclosed(db: Db): Promise<boolean> {
  const tenant = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { flags: true } });
  return (tenant?.flags as { enable_public_signup_user_exists_error?: unknown } | null)?.enable_public_signup_user_exists_error === true;
}

export async function signUpDatabaseUser(db: Db, target: SignupTarget, input: SignupInput, context: { ip?: string } = {}) {
  const { client, connection } = target;
  const rules = connectionRules(connection);
  const logBase = { client_id: client.client_id, client_name: client.name, connection: connection.name, connection_id: connection.id, strategy: "auth0", strategy_type: "database" };
  const fail = async (error: SignupError): Promise<never> => {
    await writeLogEvent(db, { ...logBase, type: "fs", description: typeof error.description === "string" ? error.description : error.code, user_name: input.email?.slice(0, 320) ?? null });
    throw error;
  };

  if ((rules as { disable_signup?: unknown }).disable_signup === true) return fail(new SignupError("operation_not_allowed", "public signup is disabled"));
  await enforceRateLimits(db, "signup", { ip: context.ip, identifier: input.email.trim().toLowerCase() });
  await throttleSignup(db, context.ip);

  let prepared;
  try {
    prepared = await prepareDatabaseUser(connection, {
      email: input.email,
      password: input.password,
      username: input.username ?? null,
      given_name: input.given_name ?? null,
      family_name: input.family_name ?? null,
      name: input.name ?? null,
      nickname: input.nickname ?? null,
      picture: input.picture ?? null,
      user_metadata: input.user_metadata ?? {},
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    if (error.errorCode === "password_strength_error") {
      if (error.message.startsWith("PasswordDictionaryError")) return fail(new SignupError("password_dictionary_error", "Password is too common"));
      if (error.message.startsWith("PasswordNoUserInfoError")) return fail(new SignupError("password_no_user_info_error", "Password contains user information"));
      return fail(new SignupError("invalid_password", passwordPolicyReport(input.password, rules)));
    }
    return fail(new SignupError("invalid_body", error.message));
  }

  // Breached password detection, pre-user-registration stage: `signup_pwd_leak`; refused with `block`.
  try {
    await screenNewPassword(db, { stage: "pre-user-registration", password: input.password, ip: context.ip, log: { ...logBase, user_name: input.email.slice(0, 320) } });
  } catch (error) {
    if (error instanceof BreachedPasswordError) throw new SignupError("password_leaked", error.message);
    throw error;
  }

  let user;
  try {
    user = await db.$transaction((tx) => insertDatabaseUser(tx, prepared));
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 409) throw error;
    const disclosed = await userExistsDisclosed(db);
    if (!disclosed) return fail(new SignupError("invalid_signup", "Invalid sign up"));
    const taken = prepared.data.username && (await db.user.findFirst({ where: { connection_id: connection.id, username: prepared.data.username }, select: { user_id: true } }));
    return fail(taken ? new SignupError("username_exists", "The username provided is in use already.") : new SignupError("user_exists", "The user already exists."));
  }

  await writeLogEvent(db, { ...logBase, type: "ss", user_id: user.user_id, user_name: user.email ?? user.username });
  void runInBackground("verification email after signup", () => sendVerificationEmail(db, user, { clientId: client.client_id }));
  return { user, providerUserId: prepared.providerUserId };
}
