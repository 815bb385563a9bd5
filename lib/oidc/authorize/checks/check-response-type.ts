// check-response-type: only the authorization code flow (RFC 6749 §4.1; OAuth 2.1 drops the
// implicit flow, and hybrid flows put tokens in the browser's history).
import { AuthorizeError } from "../authorize-error.ts";
import { redirectTarget, type AuthorizeCheck } from "../check-context.ts";

export const checkResponseType: AuthorizeCheck = {
  name: "check-response-type",
  run(context) {
    const responseType = context.params.response_type;
    if (!responseType) throw new AuthorizeError("invalid_request", "Missing required parameter: response_type", redirectTarget(context));
    if (responseType !== "code")
      throw new AuthorizeError("unsupported_response_type", `Unsupported response_type: ${responseType}`, redirectTarget(context));
    if (!context.client!.grant_types.includes("authorization_code"))
      throw new AuthorizeError("unauthorized_client", "Grant type 'authorization_code' not allowed for the client.", redirectTarget(context));
    context.request.response_type = "code";
  },
};
