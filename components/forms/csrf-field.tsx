// The hidden CSRF field of a form. The page's server component computes the token
// (lib/security/csrf.ts csrfToken) and passes it down.
import { CSRF_FIELD } from "@/lib/security/csrf-field.ts";

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}
