import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { json } from "@/lib/http/json.ts";
import { mfaChallenge } from "@/lib/oidc/mfa-api.ts";
import { readBodyParams } from "@/lib/oidc/request-params.ts";

export const dynamic = "force-dynamic";

export const POST = protocolRoute(async (request, db) => json(await mfaChallenge(db, { params: await readBodyParams(request) }), { headers: { "cache-control": "no-store" } }));
