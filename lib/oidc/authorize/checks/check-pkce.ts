// check-pkce: PKCE (RFC 7636). Public clients must send a code_challenge (they have no secret,
// so the code alone would be a bearer credential); confidential clients may. Only S256: `plain`
// offers no protection against an intercepted challenge (RFC 7636 §4.2, OAuth 2.1 §4.1.1).
import { AuthorizeError } from "../authorize-error.ts";
import { redirectTarget, type AuthorizeCheck } from "../check-context.ts";

const CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

export const checkPkce: AuthorizeCheck = {
  name: "check-pkce",
  run(context) {
    const { code_challenge: challenge, code_challenge_method: method } = context.params;
    if (challenge === undefined) {
      if (method !== undefined)
        throw new AuthorizeError("invalid_request", "code_challenge_method was sent without code_challenge.", redirectTarget(context));
      if (context.client!.token_endpoint_auth_method === "none")
        throw new AuthorizeError("invalid_request", "code_challenge is required for public clients (PKCE, S256).", redirectTarget(context));
      return;
    }
    if ((method ?? "plain") !== "S256")
      throw new AuthorizeError("invalid_request", "Unsupported code_challenge_method: only S256 is accepted.", redirectTarget(context));
    if (!CHALLENGE.test(challenge))
      throw new AuthorizeError("invalid_request", "code_challenge must be 43-128 characters of [A-Za-z0-9-._~].", redirectTarget(context));
    context.request.code_challenge = challenge;
    context.request.code_challenge_method = "S256";
  },
};
