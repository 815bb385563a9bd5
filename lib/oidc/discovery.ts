// GET /.well-known/openid-configuration (OpenID Connect Discovery 1.0 §3; auth0-authentication.md
// §6.1). It lists only what this server implements: endpoints and values are added here as the
// features behind them land, so a client never follows a link to a 404.
import { supportedGrantTypes } from "./token-endpoint.ts";
import { RSA_ALGORITHMS } from "./keys/key-store.ts";

export function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}authorize`,
    token_endpoint: `${issuer}oauth/token`,
    userinfo_endpoint: `${issuer}userinfo`,
    jwks_uri: `${issuer}.well-known/jwks.json`,
    revocation_endpoint: `${issuer}oauth/revoke`,
    end_session_endpoint: `${issuer}oidc/logout`,
    response_types_supported: ["code"],
    response_modes_supported: ["query", "form_post"],
    code_challenge_methods_supported: ["S256"],
    authorization_response_iss_parameter_supported: true,
    grant_types_supported: supportedGrantTypes(),
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    claims_supported: ["aud", "auth_time", "created_at", "email", "email_verified", "exp", "family_name", "given_name", "iat", "iss", "locale", "name", "nickname", "phone_number", "phone_verified", "picture", "preferred_username", "sid", "sub", "updated_at"],
    scopes_supported: ["openid", "profile", "offline_access", "name", "given_name", "family_name", "nickname", "email", "email_verified", "picture", "created_at", "identities", "phone", "address"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["HS256", ...RSA_ALGORITHMS],
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
  };
}
