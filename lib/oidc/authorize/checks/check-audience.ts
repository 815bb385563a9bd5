// check-audience: `audience` (or the tenant's default_audience) must name an API. Auth0 answers an
// unknown one with access_denied "Service not found" (auth0-authentication.md Part 4).
import { findDefaultAudience, findResourceServerForTokens } from "../../config-lookups.ts";
import { AuthorizeError } from "../authorize-error.ts";
import { redirectTarget, type AuthorizeCheck } from "../check-context.ts";

export const checkAudience: AuthorizeCheck = {
  name: "check-audience",
  async run(context) {
    const audience = context.params.audience || (await findDefaultAudience(context.db)) || undefined;
    if (!audience) return;
    if (!(await findResourceServerForTokens(context.db, audience)))
      throw new AuthorizeError("access_denied", `Service not found: ${audience}`, redirectTarget(context));
    context.request.audience = audience;
  },
};
