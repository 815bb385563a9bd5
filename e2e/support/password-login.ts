// Logins without a browser for the dashboard specs: the resource-owner password-realm grant
// (auth0-authentication.md §3.3) on the dashboard's instance (e2e/support/dashboard.ts), as an
// application's backend would call it. The application trusts the `auth0-forwarded-for` header, so
// each spec can log in "from" its own end-user IP: brute-force blocks and suspicious-IP counters are
// per IP, and the specs sharing a worker's instance stay out of each other's way.
import { randomInt } from "node:crypto";
import { unique, type DashboardInstance } from "./dashboard.ts";

export const PASSWORD_REALM_GRANT = "http://auth0.com/oauth/grant-type/password-realm";
export const DEFAULT_CONNECTION = "Username-Password-Authentication";

export type PasswordApp = { client_id: string; client_secret: string };
export type TokenAnswer = { status: number; body: Record<string, unknown> };

/** A confidential application with the password-realm grant that trusts auth0-forwarded-for. */
export async function createPasswordApp(dashboard: DashboardInstance): Promise<PasswordApp> {
  return dashboard.api<PasswordApp>("POST", "/clients", {
    name: unique("Password Realm App"),
    app_type: "regular_web",
    grant_types: [PASSWORD_REALM_GRANT],
    token_endpoint_auth_method: "client_secret_post",
    is_token_endpoint_ip_header_trusted: true,
  });
}

/** A random address in a documentation network (RFC 5737: TEST-NET-3 unless told). */
export function testIp(network: "203.0.113" | "198.51.100" | "192.0.2" = "203.0.113"): string {
  return `${network}.${randomInt(1, 255)}`;
}

/** POST /oauth/token with the password-realm grant, "from" `ip`. */
export async function passwordRealmLogin(dashboard: DashboardInstance, app: PasswordApp, username: string, password: string, ip: string): Promise<TokenAnswer> {
  const response = await fetch(`${dashboard.issuer}oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "auth0-forwarded-for": ip },
    body: new URLSearchParams({
      grant_type: PASSWORD_REALM_GRANT,
      client_id: app.client_id,
      client_secret: app.client_secret,
      realm: DEFAULT_CONNECTION,
      username,
      password,
      scope: "openid",
    }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
