// The cookie that binds the MFA step (/u/mfa) to the browser that passed the password step
// (lib/services/login/login-mfa.ts): HttpOnly, SameSite=Lax, __Host- with an https issuer, and as
// long-lived as the MFA transaction (10 minutes). Set by the login and signup actions when
// MfaStepRequired is thrown, cleared when the login completes.
import { cookies } from "next/headers";
import { hostCookie } from "@/lib/security/host-cookie.ts";
import { MFA_TRANSACTION_TTL_MS } from "@/lib/services/mfa/mfa-transactions.ts";

const BASE = "gatehouse-mfa";

export async function setMfaBinding(value: string): Promise<void> {
  const { name, options } = hostCookie(BASE, MFA_TRANSACTION_TTL_MS / 1000);
  (await cookies()).set(name, value, options);
}

export async function currentMfaBinding(): Promise<string | undefined> {
  return (await cookies()).get(hostCookie(BASE).name)?.value;
}

export async function clearMfaBinding(): Promise<void> {
  const { name, options } = hostCookie(BASE, 0);
  (await cookies()).set(name, "", options);
}
