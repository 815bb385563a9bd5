// The two ways /authorize fails (RFC 6749 §4.1.2.1):
// - before the client and redirect_uri are trusted: a hosted error page, never a redirect
//   (anything else would make Gatehouse an open redirector);
// - after: back to the validated redirect_uri with `error`, `error_description` and `state`.
import type { OAuthErrorCode } from "../errors.ts";

export type AuthorizeRedirectTarget = { redirect_uri: string; state?: string; response_mode: "query" | "form_post" };

export class AuthorizeError extends Error {
  override name = "AuthorizeError";
  constructor(
    readonly error: OAuthErrorCode | "unauthorized",
    readonly description: string,
    /** Where to send the error; absent: render the error page. */
    readonly redirect?: AuthorizeRedirectTarget,
  ) {
    super(`${error}: ${description}`);
  }
}

export const pageError = (error: OAuthErrorCode, description: string) => new AuthorizeError(error, description);
