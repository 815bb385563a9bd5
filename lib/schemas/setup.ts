// The first-operator setup form (/setup): one schema for the browser form (react-hook-form +
// zodResolver) and the server action (STYLE.md point 7). The operators' connection's password
// policy is a parameter, because it lives in the database; the same pure evaluator
// (lib/passwords/password-policy.ts) runs in both places, and the service checks it once more.
import { z } from "zod";
import { passwordPolicyFailures, type PasswordPolicyOptions } from "../passwords/password-policy.ts";

/** Only the policy fields the form needs: what the server component hands to the browser. */
export function pickPasswordPolicy(options: unknown): PasswordPolicyOptions {
  const o = (options ?? {}) as PasswordPolicyOptions;
  return {
    passwordPolicy: o.passwordPolicy ?? null,
    password_complexity_options: o.password_complexity_options ?? null,
    password_dictionary: o.password_dictionary ?? null,
    password_no_personal_info: o.password_no_personal_info ?? null,
  };
}

export function setupSchema(policy: PasswordPolicyOptions) {
  return z
    .object({
      email: z
        .string()
        .trim()
        .min(1, "Enter your email address")
        .max(254, "An email address has at most 254 characters")
        .pipe(z.email("Enter a valid email address, e.g. you@example.com")),
      password: z.string().min(1, "Choose a password"),
      confirm_password: z.string().min(1, "Type the password again"),
    })
    .superRefine((value, ctx) => {
      if (value.password) {
        const failures = passwordPolicyFailures(value.password, policy, { email: value.email });
        if (failures.length > 0)
          ctx.addIssue({
            code: "custom",
            path: ["password"],
            message: `The password does not meet the requirements: ${failures.map((f) => f.message.toLowerCase()).join("; ")}.`,
          });
      }
      if (value.confirm_password && value.password !== value.confirm_password)
        ctx.addIssue({ code: "custom", path: ["confirm_password"], message: "The passwords do not match" });
    });
}

export type SetupFormValues = z.input<ReturnType<typeof setupSchema>>;
export type SetupInput = z.output<ReturnType<typeof setupSchema>>;
export type SetupField = keyof SetupFormValues;
