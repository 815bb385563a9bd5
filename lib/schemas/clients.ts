// Applications (Auth0 "clients"): the request schemas shared by the Management API, the dashboard
// forms and the OpenAPI document (STYLE.md point 7). Field names and enums are Auth0's.
import { z } from "zod";

export const APP_TYPES = [
  "native", "spa", "regular_web", "non_interactive", "resource_server", "express_configuration",
  "rms", "box", "cloudbees", "concur", "dropbox", "mscrm", "echosign", "egnyte", "newrelic", "office365",
  "salesforce", "sentry", "sharepoint", "slack", "springcm", "zendesk", "zoom", "sso_integration", "oag",
] as const;

export const TOKEN_ENDPOINT_AUTH_METHODS = ["none", "client_secret_post", "client_secret_basic"] as const;

export const CLIENT_GRANT_TYPES = [
  "authorization_code", "implicit", "refresh_token", "client_credentials", "password",
  "http://auth0.com/oauth/grant-type/password-realm",
  "http://auth0.com/oauth/grant-type/mfa-oob",
  "http://auth0.com/oauth/grant-type/mfa-otp",
  "http://auth0.com/oauth/grant-type/mfa-recovery-code",
  "http://auth0.com/oauth/grant-type/passwordless/otp",
  "urn:openid:params:grant-type:ciba",
  "urn:ietf:params:oauth:grant-type:device_code",
  "urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token",
] as const;

export const JWT_ALGORITHMS = ["HS256", "RS256", "RS512", "PS256"] as const;

/**
 * Auth0 client properties Gatehouse stores and returns unchanged but does not act on, so
 * configuration exported from Auth0 (deploy tools, terraform) round-trips without loss.
 */
export const CLIENT_PASSTHROUGH_FIELDS = [
  "client_aliases", "oidc_logout", "oidc_backchannel_logout", "session_transfer", "encryption_key", "sso",
  "cross_origin_loc", "custom_login_page_on", "custom_login_page", "custom_login_page_preview", "form_template",
  "addons", "mobile", "native_social_login", "fedcm_login", "default_organization", "organization_discovery_methods",
  "signed_request_object", "token_vault_privileged_access", "token_exchange", "par_request_expiry", "token_quota",
  "resource_server_identifier", "identity_assertion_authorization_grant", "anonymous_sessions",
  "third_party_security_mode", "redirection_policy", "express_configuration", "b2b_integration_configuration",
  "my_organization_configuration", "async_approval_notification_channels",
] as const;

/** A URL allow-list entry. Wildcards (`*`) are allowed where Auth0 allows them (checked at use). */
const urlEntry = z.string().trim().min(1).max(2048);
const urlList = z.array(urlEntry).max(1000);

const noAngleBrackets = (value: string) => !/[<>]/.test(value);

export const jwtConfigurationSchema = z.strictObject({
  lifetime_in_seconds: z.number().int().min(1).max(2_592_000).optional(),
  secret_encoded: z.boolean().optional(),
  scopes: z.record(z.string(), z.unknown()).optional(),
  alg: z.enum(JWT_ALGORITHMS).optional(),
});

export const refreshTokenConfigurationSchema = z.strictObject({
  rotation_type: z.enum(["rotating", "non-rotating"]),
  expiration_type: z.enum(["expiring", "non-expiring"]),
  leeway: z.number().int().min(0).max(3600).optional(),
  token_lifetime: z.number().int().min(1).max(31_557_600).optional(),
  infinite_token_lifetime: z.boolean().optional(),
  idle_token_lifetime: z.number().int().min(1).max(31_557_600).optional(),
  infinite_idle_token_lifetime: z.boolean().optional(),
  policies: z.array(z.strictObject({ audience: z.string(), scope: z.array(z.string()) })).optional(),
});

/** client_metadata: at most 10 string properties (Auth0's limit), names and values up to 255 characters. */
export const clientMetadataSchema = z
  .record(z.string().min(1).max(255).regex(/^[a-zA-Z0-9_-]+$/, "Invalid property name"), z.string().max(255))
  .refine((v) => Object.keys(v).length <= 10, "client_metadata can have at most 10 properties");

const passthroughShape = Object.fromEntries(CLIENT_PASSTHROUGH_FIELDS.map((f) => [f, z.unknown().optional()])) as Record<
  (typeof CLIENT_PASSTHROUGH_FIELDS)[number],
  z.ZodOptional<z.ZodUnknown>
>;

const clientFields = {
  description: z.string().max(140),
  logo_uri: z.url().max(2048),
  callbacks: urlList,
  allowed_origins: urlList,
  web_origins: urlList,
  allowed_clients: z.array(z.string()).max(1000),
  allowed_logout_urls: urlList,
  grant_types: z.array(z.enum(CLIENT_GRANT_TYPES)).max(CLIENT_GRANT_TYPES.length),
  token_endpoint_auth_method: z.enum(TOKEN_ENDPOINT_AUTH_METHODS),
  app_type: z.enum(APP_TYPES),
  is_first_party: z.boolean(),
  oidc_conformant: z.boolean(),
  jwt_configuration: jwtConfigurationSchema,
  sso_disabled: z.boolean(),
  cross_origin_authentication: z.boolean(),
  is_token_endpoint_ip_header_trusted: z.boolean(),
  client_metadata: clientMetadataSchema,
  initiate_login_uri: z.url({ protocol: /^https$/ }).max(2048),
  refresh_token: refreshTokenConfigurationSchema,
  organization_usage: z.enum(["deny", "allow", "require"]),
  organization_require_behavior: z.enum(["no_prompt", "pre_login_prompt", "post_login_prompt"]),
  // Accepted only as "off": Gatehouse does not enforce these yet, and must not pretend to.
  require_pushed_authorization_requests: z.literal(false, { error: "Pushed authorization requests are not supported yet" }),
  require_proof_of_possession: z.literal(false, { error: "Proof of possession is not supported yet" }),
  compliance_level: z.union([z.literal("none"), z.null()], { error: "Compliance levels other than none are not supported yet" }),
  skip_non_verifiable_callback_uri_confirmation_prompt: z.boolean(),
};

export const clientCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(255).refine(noAngleBrackets, "Must not contain < or >"),
  ...Object.fromEntries(Object.entries(clientFields).map(([k, v]) => [k, v.optional()])),
  ...passthroughShape,
}) as unknown as z.ZodType<ClientCreateInput>;

export const clientUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(255).refine(noAngleBrackets, "Must not contain < or >").optional(),
  client_secret: z.string().min(32, "The client secret must be at least 32 characters").max(256).optional(),
  ...Object.fromEntries(Object.entries(clientFields).map(([k, v]) => [k, v.optional()])),
  token_endpoint_auth_method: z.enum(TOKEN_ENDPOINT_AUTH_METHODS).nullable().optional(),
  refresh_token: refreshTokenConfigurationSchema.nullable().optional(),
  organization_usage: z.enum(["deny", "allow", "require"]).nullable().optional(),
  organization_require_behavior: z.enum(["no_prompt", "pre_login_prompt", "post_login_prompt"]).nullable().optional(),
  ...passthroughShape,
}) as unknown as z.ZodType<ClientUpdateInput>;

type Fields = { [K in keyof typeof clientFields]: z.output<(typeof clientFields)[K]> };
type Passthrough = { [K in (typeof CLIENT_PASSTHROUGH_FIELDS)[number]]?: unknown };

export type ClientCreateInput = { name: string } & Partial<Fields> & Passthrough;
export type ClientUpdateInput = Partial<Omit<Fields, "token_endpoint_auth_method" | "refresh_token" | "organization_usage" | "organization_require_behavior">> &
  Passthrough & {
    name?: string;
    client_secret?: string;
    token_endpoint_auth_method?: (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number] | null;
    refresh_token?: Fields["refresh_token"] | null;
    organization_usage?: Fields["organization_usage"] | null;
    organization_require_behavior?: Fields["organization_require_behavior"] | null;
  };
