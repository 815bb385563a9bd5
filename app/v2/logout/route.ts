import { logoutResponse } from "@/lib/http/logout-response.ts";
import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { v2Logout } from "@/lib/oidc/logout.ts";
import { readSessionCookie } from "@/lib/oidc/sessions/session-cookie.ts";

export const dynamic = "force-dynamic";

export const GET = protocolRoute(async (request, db) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return logoutResponse(db, () => v2Logout(db, { params, sessionCookie: readSessionCookie(request.headers.get("cookie")) }), () => "/u/logout");
});
