// CSRF protection for every form (server actions included): a signed double-submit token.
//
//   cookie   a random 256-bit value in an HttpOnly, SameSite=Lax cookie (`__Host-gatehouse-csrf`,
//            or `gatehouse-csrf` with an http:// issuer: see host-cookie.ts). proxy.ts sets it on
//            the first GET of a page with a form.
//   field    a hidden `csrf_token` = HMAC-SHA256(derivedKey("csrf"), purpose + cookie value),
//            rendered by the page's server component.
//
// A cross-site page can make the browser send the cookie, but cannot read it, so it cannot compute
// the field; a cookie planted by a sibling subdomain does not help either, since the field is a MAC
// under a key only the server holds. The purpose (e.g. "setup") binds a token to one form. The
// Origin header, when the browser sends one, must also be this issuer's origin. Verification is
// framework-free: the caller hands in the cookie, the field and the Origin header.
import { createHmac, randomBytes } from "node:crypto";
import { derivedKey } from "../crypto/master-key.ts";
import { timingSafeEqualStrings } from "../crypto/random.ts";
import { env } from "../env.ts";
import { hostCookie, type HostCookie } from "./host-cookie.ts";

export { CSRF_FIELD } from "./csrf-field.ts";
const CSRF_COOKIE_BASE = "gatehouse-csrf";
/** 32 random bytes, base64url. */
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

export type CsrfFailure = "missing_cookie" | "missing_token" | "bad_token" | "bad_origin";

export class CsrfError extends Error {
  override name = "CsrfError";
  constructor(readonly reason: CsrfFailure) {
    super(`CSRF check failed: ${reason}`);
  }
}

/** The CSRF cookie's name and attributes for this instance (session cookie: no Max-Age). */
export function csrfCookie(): HostCookie {
  return hostCookie(CSRF_COOKIE_BASE);
}

export function newCsrfCookieValue(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether a cookie value has the shape newCsrfCookieValue() makes (anything else is replaced). */
export function isCsrfCookieValue(value: string | undefined): value is string {
  return value !== undefined && COOKIE_VALUE.test(value);
}

/** The hidden-field token for `purpose`, bound to the browser's cookie value. */
export function csrfToken(cookieValue: string, purpose: string): string {
  return createHmac("sha256", derivedKey("csrf")).update(`gatehouse-csrf:v1\n${purpose}\n${cookieValue}`, "utf8").digest("base64url");
}

export type CsrfInput = {
  /** The CSRF cookie's value from the request, if any. */
  cookieValue: string | undefined;
  /** The submitted hidden field. */
  token: string | null | undefined;
  /** The request's Origin header, if any. */
  origin: string | null | undefined;
  purpose: string;
};

/** Throws CsrfError unless the request carries a token for `purpose` matching its cookie, from our origin. */
export function verifyCsrf({ cookieValue, token, origin, purpose }: CsrfInput): void {
  // Checked first: a request from another site fails here whatever it carries. Browsers send
  // Origin on every cross-origin POST; "null" (sandboxed or privacy-redirected contexts) is refused.
  if (origin !== null && origin !== undefined && origin !== env().origin) throw new CsrfError("bad_origin");
  if (!isCsrfCookieValue(cookieValue)) throw new CsrfError("missing_cookie");
  if (!token) throw new CsrfError("missing_token");
  if (!timingSafeEqualStrings(csrfToken(cookieValue, purpose), token)) throw new CsrfError("bad_token");
}
