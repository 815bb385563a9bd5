// Where a hosted page sends a browser whose `state` names no live transaction (a bookmarked or
// reloaded login page, the back button after logging in, a link opened too late). Auth0
// (auth0-authentication.md §2.4): to the application's `initiate_login_uri`, else the tenant's
// `default_redirection_uri` — both configured by an operator, and only when https and not
// localhost — so the application starts a fresh login; otherwise the error page. Only for a
// transaction that really existed: an unknown `state` always gets the error page, and nothing
// from the request is ever a redirect target.
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

/** The application's or tenant's login URL to restart from, or null: show the error page. */
export async function lostTransactionDestination(db: Db, state: string | null | undefined): Promise<string | null> {
  if (!state || !/^[A-Za-z0-9]{32}$/.test(state)) return null;
  const row = await db.loginTransaction.findUnique({ where: { id: state }, select: { client_id: true } });
  if (!row) return null;
  const client = await db.client.findUnique({ where: { client_id: row.client_id }, select: { initiate_login_uri: true } });
  if (usable(client?.initiate_login_uri)) return client.initiate_login_uri;
  const tenant = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { default_redirection_uri: true } });
  return usable(tenant?.default_redirection_uri) ? tenant.default_redirection_uri : null;
}
