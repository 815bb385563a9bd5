// The RP-initiated logout parameters the confirmation page carries from /oidc/logout to its form
// (OpenID Connect RP-Initiated Logout 1.0 §2): nothing else from the query is kept.
export const LOGOUT_PARAMS = ["client_id", "post_logout_redirect_uri", "state", "ui_locales", "logout_hint", "id_token_hint", "federated"] as const;

export function pickLogoutParams(source: Record<string, string | string[] | undefined> | FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of LOGOUT_PARAMS) {
    const value = source instanceof FormData ? source.get(name) : source[name];
    if (typeof value === "string" && value.length <= 8192) out[name] = value;
  }
  return out;
}
