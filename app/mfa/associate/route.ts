import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { json } from "@/lib/http/json.ts";
import { associateParams, mfaAssociate } from "@/lib/oidc/mfa-api.ts";
import { OAuthError } from "@/lib/oidc/errors.ts";

export const dynamic = "force-dynamic";

export const POST = protocolRoute(async (request, db) => {
  const text = await request.text();
  if (text.length > 64 * 1024) throw new OAuthError("invalid_request", "Request body too large.", { status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(text || "{}");
  } catch {
    throw new OAuthError("invalid_request", "The request body is not valid JSON.");
  }
  const { params, authenticatorTypes } = associateParams(body);
  const result = await mfaAssociate(db, { authorization: request.headers.get("authorization"), params, authenticatorTypes });
  return json(result, { headers: { "cache-control": "no-store" } });
});
