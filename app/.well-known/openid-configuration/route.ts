import { json } from "@/lib/http/json.ts";
import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { discoveryDocument } from "@/lib/oidc/discovery.ts";
import { env } from "@/lib/env.ts";

export const dynamic = "force-dynamic";

export const GET = protocolRoute(async () =>
  json(discoveryDocument(env().issuer), { headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } }),
);
