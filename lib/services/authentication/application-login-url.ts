// Where the "back to the application" button of the password-reset and email-verification result
// pages goes (auth0-authentication.md C.4, C.5): the application's `initiate_login_uri`, else the
// tenant's `default_redirection_uri` — URLs an operator configured, used only when https and not
// localhost (Auth0's rule for both, §2.4). None: the page shows no button.
import type { Db } from "../../db/client.ts";

function usable(uri: string | null | undefined): uri is string {
  if (!uri) return false;
  try {
    const url = new URL(uri);
    return url.protocol === "https:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

export async function applicationLoginUrl(db: Db, clientId: string | null | undefined): Promise<string | null> {
  if (clientId) {
    const client = await db.client.findUnique({ where: { client_id: clientId }, select: { initiate_login_uri: true } });
    if (usable(client?.initiate_login_uri)) return client.initiate_login_uri;
  }
  const tenant = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { default_redirection_uri: true } });
  return usable(tenant?.default_redirection_uri) ? tenant.default_redirection_uri : null;
}
