// What a new application gets when the request leaves a setting out, by app_type. Public clients
// (SPA, native) authenticate with PKCE and no secret; implicit is never enabled by default.
export function clientDefaults(appType: string | undefined): { token_endpoint_auth_method: string; grant_types: string[] } {
  switch (appType) {
    case "spa":
    case "native":
      return { token_endpoint_auth_method: "none", grant_types: ["authorization_code", "refresh_token"] };
    case "non_interactive":
      return { token_endpoint_auth_method: "client_secret_post", grant_types: ["client_credentials"] };
    default:
      return { token_endpoint_auth_method: "client_secret_post", grant_types: ["authorization_code", "refresh_token", "client_credentials"] };
  }
}
