// Checks a new password against its connection's policy (auth0-management-api.md §2.6, §7.3): the
// strength level, the minimum length, the dictionary (the connection's words and the default list of
// common passwords) and personal information. Refusals carry the messages of Auth0's password
// errors (PasswordStrengthError, PasswordDictionaryError, PasswordNoUserInfoError), all with the
// errorCode `password_strength_error` that Gatehouse's forms already key on.
import { commonPasswords } from "../../passwords/common-passwords.ts";
import { passwordPolicyFailures, type PasswordPolicyOptions, type PersonalInfo } from "../../passwords/password-policy.ts";
import { AppError } from "../errors.ts";

export async function checkPasswordPolicy(password: string, options: PasswordPolicyOptions, personal: PersonalInfo): Promise<void> {
  const context = options.password_dictionary?.enable ? { commonPasswords: await commonPasswords() } : {};
  const failures = passwordPolicyFailures(password, options, personal, context);
  if (failures.length === 0) return;
  const strength = failures.filter((f) => f.code !== "dictionary" && f.code !== "personal_info");
  if (strength.length > 0)
    throw new AppError("invalid", `PasswordStrengthError: Password is too weak (${strength.map((f) => f.message).join("; ")})`, "password_strength_error");
  if (failures.some((f) => f.code === "dictionary"))
    throw new AppError("invalid", "PasswordDictionaryError: Password is too common", "password_strength_error");
  throw new AppError("invalid", "PasswordNoUserInfoError: Password contains user information", "password_strength_error");
}
