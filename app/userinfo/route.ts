import { json } from "@/lib/http/json.ts";
import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { readBodyParams } from "@/lib/oidc/request-params.ts";
import { bearerToken, userinfo } from "@/lib/oidc/userinfo.ts";

export const dynamic = "force-dynamic";

// Bearer-token only (no cookies), so any origin may call it from the browser.
const CORS = { "access-control-allow-origin": "*", "access-control-allow-headers": "authorization, content-type" };

export const GET = protocolRoute(async (request, db) =>
  json(await userinfo(db, bearerToken(request.headers.get("authorization"), undefined)), { headers: CORS }),
);

export const POST = protocolRoute(async (request, db) => {
  const params = await readBodyParams(request);
  return json(await userinfo(db, bearerToken(request.headers.get("authorization"), params.access_token)), { headers: CORS });
});

export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: { ...CORS, "access-control-allow-methods": "GET, POST", "access-control-max-age": "600" } });
}
