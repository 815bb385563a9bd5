// The SSO session cookie: `<sid>.<secret>`, HttpOnly, SameSite=Lax (sent on top-level navigations
// back from the application, never on cross-site subrequests), Secure and `__Host-` prefixed when
// the issuer is https. Only the secret's SHA-256 is stored server-side.
import { env } from "../../env.ts";

export function sessionCookieName(): string {
  return env().issuer.startsWith("https://") ? "__Host-gatehouse_session" : "gatehouse_session";
}

export function serializeSessionCookie(value: string, maxAgeSeconds: number): string {
  const secure = env().issuer.startsWith("https://");
  return [
    `${sessionCookieName()}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
  ].join("; ");
}

export function clearSessionCookie(): string {
  return serializeSessionCookie("", 0);
}

/** The session cookie's value from a Cookie header, if any. */
export function readSessionCookie(cookieHeader: string | null): string | undefined {
  if (!cookieHeader) return undefined;
  const name = sessionCookieName();
  for (const part of cookieHeader.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}
