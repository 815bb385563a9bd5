// GET /.well-known/openid-configuration (OpenID Connect Discovery 1.0 §3; auth0-authentication.md
// §6.1). It lists only what this server implements: endpoints and values are added here as the
// features behind them land, so a client never follows a link to a 404.
import { supportedGrantTypes } from "./token-endpoint.ts";
import { RSA_ALGORITHMS } from "./keys/key-store.ts";

export function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    token_endpoint: `${issuer}oauth/token`,
    jwks_uri: `${issuer}.well-known/jwks.json`,
    grant_types_supported: supportedGrantTypes(),
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    scopes_supported: ["openid", "profile", "offline_access", "name", "given_name", "family_name", "nickname", "email", "email_verified", "picture", "created_at", "identities", "phone", "address"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["HS256", ...RSA_ALGORITHMS],
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
  };
}
