// The hosted login and signup forms (/u/login, /u/signup): one schema for the browser form
// (react-hook-form + zodResolver) and the server action (STYLE.md point 7). The connection's rules
// (password policy, username) are parameters, since they live in the database; the server checks
// them once more through the users service, which is the authority.
import { z } from "zod";
import { passwordPolicyFailures, type PasswordPolicyOptions } from "../passwords/password-policy.ts";

export function loginSchema(acceptsUsername: boolean) {
  return z.object({
    identifier: z
      .string()
      .trim()
      .min(1, acceptsUsername ? "Enter your email address or username" : "Enter your email address")
      .max(320, "This is too long to be an email address or username"),
    password: z.string().min(1, "Enter your password"),
  });
}

export type LoginFormValues = z.input<ReturnType<typeof loginSchema>>;
export type LoginField = keyof LoginFormValues;

export type SignupRules = {
  passwordPolicy: PasswordPolicyOptions;
  requiresUsername: boolean;
  usernameLength: { min: number; max: number };
};

/** The characters a database connection's usernames may use (normalize-username.ts is the authority). */
const USERNAME_CHARACTERS = /^[a-zA-Z0-9_+\-.!#$'^`~@]+$/;

export function signupSchema(rules: SignupRules) {
  const { min, max } = rules.usernameLength;
  return z
    .object({
      email: z
        .string()
        .trim()
        .min(1, "Enter your email address")
        .max(254, "An email address has at most 254 characters")
        .pipe(z.email("Enter a valid email address, e.g. you@example.com")),
      username: rules.requiresUsername
        ? z
            .string()
            .trim()
            .min(1, "Choose a username")
            .min(min, `A username has at least ${min} characters`)
            .max(max, `A username has at most ${max} characters`)
            .regex(USERNAME_CHARACTERS, "A username may contain only letters (a-z), digits and _ + - . ! # $ ' ^ ` ~ @")
        : z.string().optional(),
      password: z.string().min(1, "Choose a password"),
    })
    .superRefine((value, ctx) => {
      if (!value.password) return;
      const failures = passwordPolicyFailures(value.password, rules.passwordPolicy, { email: value.email, username: value.username ?? null });
      if (failures.length > 0)
        ctx.addIssue({
          code: "custom",
          path: ["password"],
          message: `The password does not meet the requirements: ${failures.map((f) => f.message.toLowerCase()).join("; ")}.`,
        });
    });
}

export type SignupFormValues = z.input<ReturnType<typeof signupSchema>>;
export type SignupField = "email" | "username" | "password";
