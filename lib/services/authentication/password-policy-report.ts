// The password policy as Auth0 reports it on a refused signup (auth0-authentication.md §9.1):
// `{rules: [{message, format, verified, items?}], verified}` with printf-style messages, so clients
// written for Auth0 can render their own checklist.
import { evaluatePasswordPolicy, type PasswordPolicyOptions } from "../../passwords/password-policy.ts";

type Rule = { message: string; format: (string | number)[]; verified: boolean; items?: { message: string; verified: boolean }[] };

export function passwordPolicyReport(password: string, options: PasswordPolicyOptions): { rules: Rule[]; verified: boolean } {
  const rules: Rule[] = [];
  const classes = { lower: /[a-z]/.test(password), upper: /[A-Z]/.test(password), digit: /[0-9]/.test(password), special: /[^A-Za-z0-9]/.test(password) };
  const items = (keys: (keyof typeof classes)[]) =>
    keys.map((key) => ({
      message: { lower: "lower case letters (a-z)", upper: "upper case letters (A-Z)", digit: "numbers (such as 0-9)", special: "special characters (such as !@#$%^&*)" }[key],
      verified: classes[key],
    }));
  for (const rule of evaluatePasswordPolicy(password, options)) {
    switch (rule.code) {
      case "length": {
        const min = Number(/\d+/.exec(rule.message)?.[0] ?? 1);
        rules.push({ message: "At least %d characters in length", format: [min], verified: rule.verified });
        break;
      }
      case "max_length":
        rules.push({ message: "At most %d bytes", format: [72], verified: rule.verified });
        break;
      case "characters":
        rules.push({ message: "Contain at least %d of the following %d types of characters:", format: [3, 3], verified: rule.verified, items: items(["lower", "upper", "digit"]) });
        break;
      case "classes":
        rules.push({ message: "Contain at least %d of the following %d types of characters:", format: [3, 4], verified: rule.verified, items: items(["lower", "upper", "digit", "special"]) });
        break;
      case "identical":
        rules.push({ message: 'No more than %d identical characters in a row (e.g., "%s" not allowed)', format: [2, "aaa"], verified: rule.verified });
        break;
      default:
        break;
    }
  }
  return { rules, verified: rules.every((r) => r.verified) };
}
