// Renders a logout outcome (lib/oidc/logout.ts) as an HTTP response: the session cookie is always
// cleared; a bad redirect target goes to the error page (never to the untrusted URL).
import type { Db } from "../db/client.ts";
import { clearSessionCookie } from "../oidc/sessions/session-cookie.ts";
import { LogoutError, type LogoutOutcome } from "../oidc/logout.ts";
import { errorPageLocation } from "./error-page-location.ts";
import { redirect } from "./html.ts";

export async function logoutResponse(db: Db, run: () => Promise<LogoutOutcome>, confirmLocation: () => string): Promise<Response> {
  const cookie = { "set-cookie": clearSessionCookie() };
  try {
    const outcome = await run();
    if (outcome.kind === "redirect") return redirect(outcome.location, cookie);
    if (outcome.kind === "confirm") return redirect(confirmLocation());
    return redirect("/u/logout?done=1", cookie);
  } catch (error) {
    if (error instanceof LogoutError) return redirect(await errorPageLocation(db, { error: error.error, description: error.description }));
    throw error;
  }
}
