import { currentRequestContext } from "@/lib/http/request-context.ts";
import { dbConnectionsRoute, readJsonObject } from "@/lib/dbconnections/dbconnections-route.ts";
import { dbConnectionsChangePassword } from "@/lib/dbconnections/change-password.ts";

export const dynamic = "force-dynamic";

// The auth0 SDK reads this answer with response.text(): plain text, as Auth0 sends it.
export const POST = dbConnectionsRoute(async (request, db) => {
  const message = await dbConnectionsChangePassword(db, await readJsonObject(request), { ip: currentRequestContext()?.ip });
  return new Response(message, { status: 200, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
});
