// The SSO session cookie as the hosted pages' server actions read and write it (next/headers).
// Same name and attributes as lib/oidc/sessions/session-cookie.ts gives the protocol routes:
// HttpOnly, SameSite=Lax, Path=/, Secure (and `__Host-`) with an https issuer.
import { cookies } from "next/headers";
import { env } from "@/lib/env.ts";
import { sessionCookieName } from "@/lib/oidc/sessions/session-cookie.ts";

function options(maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: "lax" as const, secure: env().issuer.startsWith("https://"), path: "/", maxAge: Math.max(0, Math.floor(maxAgeSeconds)) };
}

export async function currentSessionCookie(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieName())?.value;
}

/** Max-Age is the session's absolute lifetime (createSession's maxAgeSeconds). */
export async function setSessionCookie(value: string, maxAgeSeconds: number): Promise<void> {
  (await cookies()).set(sessionCookieName(), value, options(maxAgeSeconds));
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).set(sessionCookieName(), "", options(0));
}
