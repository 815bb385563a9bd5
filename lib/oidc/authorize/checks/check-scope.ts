// check-scope: space-delimited scopes (RFC 6749 §3.3), deduplicated. OpenID scopes and API scopes
// are sorted out when tokens are issued; here only the syntax is checked.
import { AuthorizeError } from "../authorize-error.ts";
import { redirectTarget, type AuthorizeCheck } from "../check-context.ts";

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export const checkScope: AuthorizeCheck = {
  name: "check-scope",
  run(context) {
    const raw = context.params.scope ?? "";
    if (raw.length > 4096) throw new AuthorizeError("invalid_scope", "The scope parameter is too long.", redirectTarget(context));
    const scopes = [...new Set(raw.split(" ").filter(Boolean))];
    const bad = scopes.find((s) => !SCOPE_TOKEN.test(s));
    if (bad !== undefined) throw new AuthorizeError("invalid_scope", `Invalid scope: ${bad}`, redirectTarget(context));
    context.request.scope = scopes;
  },
};
