import { logoutResponse } from "@/lib/http/logout-response.ts";
import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { oidcLogout } from "@/lib/oidc/logout.ts";
import { readBodyParams } from "@/lib/oidc/request-params.ts";
import { readSessionCookie } from "@/lib/oidc/sessions/session-cookie.ts";

export const dynamic = "force-dynamic";

// OpenID Connect RP-Initiated Logout accepts GET and POST. Without a hint the user confirms on
// /u/logout, whose form (CSRF-protected) ends the session itself.
async function handle(request: Request, db: Parameters<Parameters<typeof protocolRoute>[0]>[1], params: Record<string, string>) {
  return logoutResponse(
    db,
    () => oidcLogout(db, { params, sessionCookie: readSessionCookie(request.headers.get("cookie")) }),
    () => `/u/logout?${new URLSearchParams(params)}`,
  );
}

export const GET = protocolRoute(async (request, db) => handle(request, db, Object.fromEntries(new URL(request.url).searchParams)));
export const POST = protocolRoute(async (request, db) => handle(request, db, await readBodyParams(request)));
