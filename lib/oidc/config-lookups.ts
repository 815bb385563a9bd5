// The configuration the token endpoint reads on every request, through the per-process cache
// (lib/cache/config-cache.ts: emptied on every write, across instances on PostgreSQL). Misses are
// not cached, so a flood of made-up client ids cannot push real entries out... for long.
import type { Db } from "../db/client.ts";
import { findClientWithSecretHash } from "../db/secrets.ts";
import { cached } from "../cache/config-cache.ts";

type ClientWithHash = NonNullable<Awaited<ReturnType<typeof findClientWithSecretHash>>>;

async function cachedUnlessMissing<T>(key: string, load: () => Promise<T | null>): Promise<T | null> {
  const value = await cached(key, async () => (await load()) ?? undefined);
  return value ?? null;
}

export function findClientForAuthentication(db: Db, clientId: string): Promise<ClientWithHash | null> {
  return cachedUnlessMissing(`client:${clientId}`, () => findClientWithSecretHash(db, clientId));
}

export function findResourceServerForTokens(db: Db, identifier: string) {
  return cachedUnlessMissing(`resource-server:${identifier}`, () =>
    db.resourceServer.findUnique({
      where: { identifier },
      select: { identifier: true, signing_alg: true, token_lifetime: true, token_dialect: true, scopes: true, enforce_policies: true, allow_offline_access: true },
    }),
  );
}

export function findClientGrant(db: Db, clientId: string, audience: string) {
  return cachedUnlessMissing(`client-grant:${clientId}\u0000${audience}`, () =>
    db.clientGrant.findUnique({ where: { client_id_audience: { client_id: clientId, audience } }, select: { scope: true } }),
  );
}

export async function findDefaultAudience(db: Db): Promise<string | null> {
  return cached("tenant:default_audience", async () => {
    const tenant = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { default_audience: true } });
    return tenant?.default_audience ?? null;
  });
}
