import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { json } from "@/lib/http/json.ts";
import { mfaAuthenticators } from "@/lib/oidc/mfa-api.ts";

export const dynamic = "force-dynamic";

export const GET = protocolRoute(async (request, db) => json(await mfaAuthenticators(db, { authorization: request.headers.get("authorization") }), { headers: { "cache-control": "no-store" } }));
