// GET /api/v2/openapi.json: the Management API's OpenAPI document (a Gatehouse extension; public,
// it describes the API and holds no data).
import { env } from "@/lib/env.ts";
import { json } from "@/lib/http/json.ts";
import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { openApiDocument } from "@/lib/management/openapi.ts";
import { MANAGEMENT_OPERATIONS } from "@/lib/management/routes/index.ts";

export const dynamic = "force-dynamic";

let cached: Record<string, unknown> | undefined;

export const GET = protocolRoute(async () => {
  cached ??= openApiDocument(MANAGEMENT_OPERATIONS, env().issuer);
  return json(cached, { headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } });
});
