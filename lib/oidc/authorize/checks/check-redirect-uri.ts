// check-redirect-uri: `redirect_uri` is required and must match one of the application's
// Allowed Callback URLs exactly (RFC 6749 §3.1.2, §3.1.2.3; OpenID Connect Core §3.1.2.1;
// Auth0's subdomain wildcard, lib/oidc/redirect-uri.ts). No fragment (RFC 6749 §3.1.2). A
// mismatch renders the error page: never redirect to an unvalidated URI.
import { matchesCallback } from "../../redirect-uri.ts";
import { pageError } from "../authorize-error.ts";
import type { AuthorizeCheck } from "../check-context.ts";

export const checkRedirectUri: AuthorizeCheck = {
  name: "check-redirect-uri",
  run(context) {
    const redirectUri = context.params.redirect_uri;
    if (!redirectUri) throw pageError("invalid_request", "Missing required parameter: redirect_uri");
    if (redirectUri.includes("#")) throw pageError("invalid_request", "The redirect_uri must not contain a fragment.");
    if (!matchesCallback(redirectUri, context.client!.callbacks))
      throw pageError(
        "invalid_request",
        `Callback URL mismatch. ${redirectUri} is not in the list of allowed callback URLs of the application ${context.client!.name}.`,
      );
    context.request.redirect_uri = redirectUri;
    context.request.state = context.params.state;
  },
};
