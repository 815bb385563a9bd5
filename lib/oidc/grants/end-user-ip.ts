// The end user's IP for attack protection at the token endpoint: the `auth0-forwarded-for` header
// when the application is confidential and trusted for it (is_token_endpoint_ip_header_trusted);
// otherwise undefined, and the caller's address is used (for a server-side caller, the server's).
import { isIP } from "node:net";
import type { AuthenticatedClient } from "../client-authentication.ts";

export function endUserIp(client: AuthenticatedClient, forwardedFor: string | null | undefined): string | undefined {
  if (!forwardedFor || !client.is_token_endpoint_ip_header_trusted || client.auth_method === "none") return undefined;
  const ip = forwardedFor.split(",")[0]!.trim();
  return isIP(ip) ? ip : undefined;
}
