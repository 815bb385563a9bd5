// Sign-out of the dashboard: ends the next-auth session (its cookies are cleared) AND the Gatehouse
// SSO session, by sending the browser through RP-initiated logout (/oidc/logout with the ID token
// as id_token_hint, back to /dashboard/signed-out, an Allowed Logout URL of the dashboard's
// application). Without an ID token (a session that ended already) the browser goes straight to
// the signed-out page.
import { cookies } from "next/headers";
import { env } from "../env.ts";
import { dashboardSignedOutUrl } from "./dashboard-client.ts";
import { readDashboardToken, sessionCookieName } from "./operator-session.ts";

/** Clears the dashboard's cookies and returns where the browser goes next. */
export async function endDashboardSession(): Promise<string> {
  const { issuer } = env();
  const token = await readDashboardToken();
  const store = await cookies();
  const secure = issuer.startsWith("https://");
  const base = sessionCookieName();
  // next-auth's session cookie (and its chunks), and its sign-in leftovers.
  for (const cookie of store.getAll()) {
    // The session cookie, and its chunks (.0, .1, ...) when next-auth split a large one.
    if (cookie.name === base || cookie.name.startsWith(`${base}.`)) store.set(cookie.name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure });
  }
  const signedOut = dashboardSignedOutUrl(issuer);
  if (!token?.id_token) return signedOut;
  const url = new URL(`${issuer}oidc/logout`);
  url.searchParams.set("id_token_hint", token.id_token);
  url.searchParams.set("post_logout_redirect_uri", signedOut);
  return url.toString();
}
