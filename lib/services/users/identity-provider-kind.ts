// What kind of identity provider a connection strategy is (auth0-management-api.md §2.5): Auth0
// (and so Gatehouse) owns the profile of database and passwordless users; social and enterprise
// providers own theirs and overwrite it at each login unless the connection says otherwise.
export type IdentityProviderKind = "database" | "passwordless" | "social" | "enterprise";

const ENTERPRISE = new Set([
  "ad", "adfs", "auth0-adldap", "auth0-oidc", "custom", "google-apps", "ip", "office365", "oidc", "okta", "pingfederate", "samlp",
  "sharepoint", "waad",
]);

export function identityProviderKind(strategy: string): IdentityProviderKind {
  if (strategy === "auth0") return "database";
  if (strategy === "email" || strategy === "sms") return "passwordless";
  return ENTERPRISE.has(strategy) ? "enterprise" : "social";
}

/**
 * Whether the root attributes the provider supplies (name, nickname, given_name, family_name,
 * picture) may be edited through the API: always for Auth0-owned profiles; for upstream providers
 * only when the connection does not sync them at each login (`set_user_root_attributes`).
 */
export function rootAttributesEditable(strategy: string, options: unknown): boolean {
  const kind = identityProviderKind(strategy);
  if (kind === "database" || kind === "passwordless") return true;
  const sync = (options as { set_user_root_attributes?: unknown } | null)?.set_user_root_attributes;
  return sync === "on_first_login" || sync === "never_on_login";
}
