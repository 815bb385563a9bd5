// GET /u/impersonate?ticket=<secret>: the one-time login link of an impersonation (Gatehouse
// extension; lib/services/impersonation). Starts the impersonation session and redirects to the
// application's callback with an authorization code; an unusable link shows the error page.
import { errorPageLocation } from "@/lib/http/error-page-location.ts";
import { redirect } from "@/lib/http/html.ts";
import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { clientIp } from "@/lib/http/client-ip.ts";
import { AppError } from "@/lib/services/errors.ts";
import { redeemImpersonationLink } from "@/lib/services/impersonation/redeem-impersonation-link.ts";

export const dynamic = "force-dynamic";

export const GET = protocolRoute(async (request, db) => {
  const ticket = new URL(request.url).searchParams.get("ticket") ?? "";
  try {
    const { location } = await redeemImpersonationLink(db, ticket, { ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") ?? undefined });
    return redirect(location, { "cache-control": "no-store", "referrer-policy": "no-referrer" });
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return redirect(await errorPageLocation(db, { error: "invalid_request", description: error.message }));
    throw error;
  }
});
