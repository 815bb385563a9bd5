// The new-password form of /u/reset-verify: the same zod schema in the browser (react-hook-form)
// and in the server action. The connection's policy is checked here for instant feedback; the
// server checks it again with what the browser cannot (the common-password list, the history).
import { z } from "zod";
import { passwordPolicyFailures, type PasswordPolicyOptions, type PersonalInfo } from "@/lib/passwords/password-policy.ts";

export type ResetVerifyField = "password" | "confirm_password";
export type ResetVerifyValues = { password: string; confirm_password: string };

export function resetVerifySchema(policy: PasswordPolicyOptions, personal: PersonalInfo) {
  return z
    .object({ password: z.string(), confirm_password: z.string() })
    .superRefine((values, context) => {
      if (!values.password) {
        context.addIssue({ code: "custom", path: ["password"], message: "Enter a new password." });
        return;
      }
      const failures = passwordPolicyFailures(values.password, policy, personal);
      if (failures.length)
        context.addIssue({ code: "custom", path: ["password"], message: `The password does not meet the requirements: ${failures.map((f) => f.message.toLowerCase()).join("; ")}.` });
      if (values.confirm_password !== values.password) context.addIssue({ code: "custom", path: ["confirm_password"], message: "The passwords do not match." });
    });
}
