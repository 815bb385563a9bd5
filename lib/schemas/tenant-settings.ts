// Tenant settings (Auth0 `PATCH /api/v2/tenants/settings`). Settings Gatehouse acts on are
// validated precisely; the rest of Auth0's settings are accepted and stored as given (extra).
import { z } from "zod";

export const TENANT_FLAGS = [
  "change_pwd_flow_v1", "enable_apis_section", "disable_impersonation", "enable_client_connections", "enable_pipeline2",
  "allow_legacy_delegation_grant_types", "allow_legacy_ro_grant_types", "allow_legacy_tokeninfo_endpoint",
  "enable_legacy_profile", "enable_idtoken_api2", "enable_public_signup_user_exists_error", "enable_sso",
  "allow_changing_enable_sso", "disable_clickjack_protection_headers", "no_disclose_enterprise_connections",
  "enforce_client_authentication_on_passwordless_start", "enable_adfs_waad_email_verification",
  "revoke_refresh_token_grant", "dashboard_log_streams_next", "dashboard_insights_view", "disable_fields_map_fix",
  "mfa_show_factor_list_on_enrollment", "remove_alg_from_jwks", "improved_signup_bot_detection_in_classic",
  "genai_trial", "local_resource_discovery", "enable_dynamic_client_registration",
  "disable_management_api_sms_obfuscation", "trust_azure_adfs_email_verified_connection_property",
  "custom_domains_provisioning", "enable_custom_domain_in_emails", "require_signed_request_object",
] as const;

export const TENANT_PASSTHROUGH_FIELDS = [
  "change_password", "guardian_mfa_page", "device_flow", "default_token_quota", "sandbox_version",
  "legacy_sandbox_version", "session_cookie", "sessions", "oidc_logout", "allow_organization_name_in_authentication_api",
  "customize_mfa_in_postlogin_action", "acr_values_supported", "mtls", "pushed_authorization_requests_supported",
  "authorization_response_iss_parameter_supported", "skip_non_verifiable_callback_uri_confirmation_prompt",
  "resource_parameter_profile", "client_id_metadata_document_supported", "phone_consolidated_experience",
  "enable_ai_guide", "include_session_metadata_in_tenant_logs", "dynamic_client_registration_security_mode",
  "country_codes", "security_headers", "ephemeral_session_lifetime", "idle_ephemeral_session_lifetime",
  "ephemeral_session_lifetime_in_minutes", "idle_ephemeral_session_lifetime_in_minutes",
] as const;

/** Hours: one minute to one year (Auth0's enterprise cap). */
const hours = z.number().min(1 / 60).max(8760);
const minutes = z.number().int().min(1).max(525_600);

export const tenantSettingsUpdateSchema = z
  .strictObject({
    friendly_name: z.string().trim().min(1).max(255).optional(),
    picture_url: z.url().max(2048).nullable().optional(),
    support_email: z.email().max(254).nullable().optional(),
    support_url: z.url().max(2048).nullable().optional(),
    default_audience: z.string().max(600).nullable().optional(),
    default_directory: z.string().max(128).nullable().optional(),
    session_lifetime: hours.optional(),
    idle_session_lifetime: hours.optional(),
    session_lifetime_in_minutes: minutes.optional(),
    idle_session_lifetime_in_minutes: minutes.optional(),
    default_redirection_uri: z.url({ protocol: /^https?$/ }).max(2048).nullable().optional(),
    allowed_logout_urls: z.array(z.string().trim().min(1).max(2048)).max(1000).optional(),
    enabled_locales: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Invalid locale")).min(1).max(100).optional(),
    error_page: z
      .strictObject({ html: z.string().max(100_000).optional(), show_log_link: z.boolean().optional(), url: z.url().max(2048).optional() })
      .nullable()
      .optional(),
    flags: z.partialRecord(z.enum(TENANT_FLAGS), z.boolean()).optional(),
    ...Object.fromEntries(TENANT_PASSTHROUGH_FIELDS.map((f) => [f, z.unknown().optional()])),
  })
  .refine((v) => !(v.session_lifetime !== undefined && v.session_lifetime_in_minutes !== undefined), {
    message: "Use session_lifetime or session_lifetime_in_minutes, not both",
  }) as unknown as z.ZodType<TenantSettingsUpdate>;

export type TenantSettingsUpdate = {
  friendly_name?: string;
  picture_url?: string | null;
  support_email?: string | null;
  support_url?: string | null;
  default_audience?: string | null;
  default_directory?: string | null;
  session_lifetime?: number;
  idle_session_lifetime?: number;
  session_lifetime_in_minutes?: number;
  idle_session_lifetime_in_minutes?: number;
  default_redirection_uri?: string | null;
  allowed_logout_urls?: string[];
  enabled_locales?: string[];
  error_page?: { html?: string; show_log_link?: boolean; url?: string } | null;
  flags?: Partial<Record<(typeof TENANT_FLAGS)[number], boolean>>;
} & { [K in (typeof TENANT_PASSTHROUGH_FIELDS)[number]]?: unknown };
