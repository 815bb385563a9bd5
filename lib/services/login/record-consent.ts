// Records that a user consented to an application's request (auth0-authentication.md §C.8): one
// user grant per user + application + audience, whose scopes grow with each consent (merged, never
// narrowed: a later, smaller request does not take back what was granted). Requests without an
// API audience are recorded under `<issuer>userinfo`, the audience their access token has, as
// needsConsent (lib/oidc/authorize/authorize.ts) looks them up.
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { newObjectId } from "../../crypto/ids.ts";
import { env } from "../../env.ts";

export function consentAudience(audience: string | undefined): string {
  return audience ?? `${env().issuer}userinfo`;
}

/** Returns the grant's scopes after the merge. */
export async function recordConsent(
  db: Db,
  input: { userId: string; clientId: string; audience: string | undefined; scopes: readonly string[] },
): Promise<string[]> {
  const key = { user_id: input.userId, client_id: input.clientId, audience: consentAudience(input.audience) };
  for (let attempt = 0; ; attempt++) {
    const existing = await db.userGrant.findUnique({ where: { user_id_client_id_audience: key } });
    const scope = [...new Set([...((existing?.scope as string[] | undefined) ?? []), ...input.scopes])];
    try {
      if (existing) await db.userGrant.update({ where: { id: existing.id }, data: { scope } });
      else await db.userGrant.create({ data: { id: newObjectId(), ...key, scope } });
      return scope;
    } catch (error) {
      // Two consents for the same grant at once (two tabs): the other created it; merge into it.
      if (attempt === 0 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
