import { json } from "@/lib/http/json.ts";
import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { keyStore } from "@/lib/oidc/keys/key-store.ts";

export const dynamic = "force-dynamic";

// Short public caching: relying parties refetch within a minute, and the next key is published
// long before it signs, so rotation never outruns a cache.
export const GET = protocolRoute(async (_request, db) =>
  json({ keys: await keyStore(db).publishedKeys() }, { headers: { "cache-control": "public, max-age=60", "access-control-allow-origin": "*" } }),
);
