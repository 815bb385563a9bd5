import { json } from "@/lib/http/json.ts";
import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { readBodyParams } from "@/lib/oidc/request-params.ts";
import { tokenEndpoint } from "@/lib/oidc/token-endpoint.ts";

export const dynamic = "force-dynamic";

export const POST = protocolRoute(async (request, db) => {
  const params = await readBodyParams(request);
  const body = await tokenEndpoint(db, { authorization: request.headers.get("authorization"), params, forwardedFor: request.headers.get("auth0-forwarded-for") });
  return json(body);
});
