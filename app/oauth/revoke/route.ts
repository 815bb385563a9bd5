import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { readBodyParams } from "@/lib/oidc/request-params.ts";
import { revokeToken } from "@/lib/oidc/revoke.ts";

export const dynamic = "force-dynamic";

export const POST = protocolRoute(async (request, db) => {
  await revokeToken(db, { authorization: request.headers.get("authorization"), params: await readBodyParams(request) });
  return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
});
