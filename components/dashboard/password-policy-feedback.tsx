"use client";
// Live password feedback for the dashboard's password fields: the connection's policy as a
// checklist (the same pure evaluator the server runs, lib/passwords/password-policy.ts) and the
// hosted signup page's zxcvbn strength meter beside it.
import { PasswordStrength } from "@/app/(hosted)/u/signup/password-strength.tsx";
import { evaluatePasswordPolicy, type PasswordPolicyOptions, type PersonalInfo } from "@/lib/passwords/password-policy.ts";

export function PasswordPolicyFeedback({ id, password, policy, personal }: { id: string; password: string; policy: PasswordPolicyOptions; personal: PersonalInfo }) {
  const rules = evaluatePasswordPolicy(password, policy, personal).map((rule) => ({ ...rule, verified: password !== "" && rule.verified }));
  const met = rules.filter((r) => r.verified).length;
  return (
    <div className="flex flex-col gap-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200 dark:bg-slate-950 dark:ring-slate-800">
      <div id={`${id}-rules`}>
        <p className="mb-1.5 text-xs font-medium text-slate-700 dark:text-slate-300">The connection’s password policy:</p>
        <ul className="flex flex-col gap-1 text-xs">
          {rules.map((rule) => (
            <li
              key={rule.code}
              data-rule={rule.code}
              data-met={rule.verified}
              className={rule.verified ? "flex gap-1.5 text-emerald-800 dark:text-emerald-400" : "flex gap-1.5 text-slate-600 dark:text-slate-400"}
            >
              <span aria-hidden="true" className="w-3 shrink-0 text-center font-bold">
                {rule.verified ? "✓" : "•"}
              </span>
              <span>
                {rule.message}
                <span className="sr-only">{rule.verified ? " (met)" : " (not met yet)"}</span>
              </span>
            </li>
          ))}
        </ul>
        <p aria-live="polite" className="sr-only">
          {password ? `${met} of ${rules.length} password requirements met` : ""}
        </p>
      </div>
      <PasswordStrength id={`${id}-strength`} password={password} userInputs={[personal.email ?? "", personal.username ?? "", personal.name ?? ""]} />
    </div>
  );
}
