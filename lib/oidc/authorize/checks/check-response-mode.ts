// check-response-mode: `query` (the default for code) or `form_post` (OAuth 2.0 Form Post
// Response Mode). `fragment` and `web_message` are not offered for the code flow.
import { AuthorizeError } from "../authorize-error.ts";
import { redirectTarget, type AuthorizeCheck } from "../check-context.ts";

export const checkResponseMode: AuthorizeCheck = {
  name: "check-response-mode",
  run(context) {
    const mode = context.params.response_mode ?? "query";
    context.request.response_mode = "query";
    if (mode !== "query" && mode !== "form_post")
      throw new AuthorizeError("invalid_request", `Unsupported response_mode: ${mode}. Use query or form_post.`, redirectTarget(context));
    context.request.response_mode = mode;
  },
};
