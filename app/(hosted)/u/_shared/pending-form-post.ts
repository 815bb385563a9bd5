// response_mode=form_post from a server action. A server action answers with a redirect or a
// re-render, never with raw HTML, but form_post needs an auto-submitting HTML form. So the action
// that finished the login keeps the authorization response in a short-lived cookie and redirects
// to /u/continue?state=<transaction>, a route handler that renders it with the same formPostPage
// as /authorize, and deletes the cookie.
//
// The cookie is signed (lib/security/signed-value.ts), so only Gatehouse can have written it, and
// it is bound to its transaction id. It is readable by the browser's own user, but it carries only
// what that same browser is about to POST to the application (the code, state and iss), already
// bound to the application's client, redirect_uri and PKCE verifier; HttpOnly, SameSite=Lax,
// two minutes, and deleted on first use.
import { hostCookie } from "@/lib/security/host-cookie.ts";
import { signValue, verifySignedValue } from "@/lib/security/signed-value.ts";

const BASE = "gatehouse-form-post";
const TTL_SECONDS = 120;

export type PendingFormPost = { action: string; fields: Record<string, string> };

export function pendingFormPostCookie(maxAgeSeconds = TTL_SECONDS) {
  return hostCookie(BASE, maxAgeSeconds);
}

export function sealPendingFormPost(transactionId: string, response: PendingFormPost): string {
  return signValue(BASE, JSON.stringify({ transaction: transactionId, ...response }), TTL_SECONDS);
}

/** The pending response for `state`, or null (missing, expired, forged, or another transaction's). */
export function openPendingFormPost(sealed: string | undefined, state: string | null): PendingFormPost | null {
  const value = verifySignedValue(BASE, sealed);
  if (!value || !state) return null;
  try {
    const parsed = JSON.parse(value) as { transaction?: unknown; action?: unknown; fields?: unknown };
    if (parsed.transaction !== state || typeof parsed.action !== "string" || typeof parsed.fields !== "object" || parsed.fields === null) return null;
    return { action: parsed.action, fields: parsed.fields as Record<string, string> };
  } catch {
    return null;
  }
}
