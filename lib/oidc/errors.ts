// The protocol error family (RFC 6749 §5.2, OpenID Connect Core §3.1.2.6): every protocol endpoint
// answers `{ error, error_description }` with the status Auth0 uses for the code
// (auth0-authentication.md Part 4). Auth0 answers 403 where RFC 6749 says 400 for grant and
// authorization failures; clients only read the code. `unsupported_grant_type` stays 400 (RFC
// 6749) rather than Auth0's 501: a client mistake never gets a 5xx.
export const OAUTH_ERROR_STATUS = {
  invalid_request: 400,
  invalid_scope: 400,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  /** MFA API: the user has no authenticator of the asked type (§11). */
  unsupported_challenge_type: 400,
  invalid_client: 401,
  /** Auth0's resource-owner answer for an administrator-blocked user ("user is blocked"). */
  unauthorized: 401,
  /** Breached password detection refused the login (auth0-management-api.md §7.4). */
  password_leaked: 401,
  unauthorized_client: 403,
  access_denied: 403,
  invalid_grant: 403,
  /** The password was right and a second factor is needed: the body carries an `mfa_token` (§3.3, §3.6). */
  mfa_required: 403,
  invalid_token: 401,
  insufficient_scope: 403,
  login_required: 400,
  consent_required: 400,
  interaction_required: 400,
  too_many_attempts: 429,
  too_many_requests: 429,
  server_error: 500,
  temporarily_unavailable: 503,
} as const;

export type OAuthErrorCode = keyof typeof OAUTH_ERROR_STATUS;

export class OAuthError extends Error {
  override name = "OAuthError";
  readonly status: number;
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    options: { status?: number; headers?: Record<string, string>; fields?: Record<string, string> } = {},
  ) {
    super(`${error}: ${description}`);
    this.status = options.status ?? OAUTH_ERROR_STATUS[error];
    this.headers = options.headers ?? {};
    this.fields = options.fields ?? {};
  }
  readonly headers: Record<string, string>;
  /** Extra body members some errors carry (`mfa_token` with mfa_required). */
  readonly fields: Record<string, string>;

  toJSON(): { error: string; error_description: string } & Record<string, string> {
    return { error: this.error, error_description: this.description, ...this.fields };
  }
}
