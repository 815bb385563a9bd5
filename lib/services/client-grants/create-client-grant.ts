// Authorizes a client to get client-credentials tokens for an API with the given scopes. The client
// must exist (404 inexistent_client), the audience must be a registered API (404, Auth0's "No
// resource with identifier ..."), the scopes must be grantable (check-grantable-scopes.ts), and
// there is at most one grant per client and API (409).
import type { Db } from "../../db/client.ts";
import { isForeignKeyViolation, isUniqueViolation } from "../../db/errors.ts";
import { newClientGrantId } from "../../crypto/ids.ts";
import type { ClientGrantCreateInput } from "../../schemas/client-grants.ts";
import type { Actor } from "../actor.ts";
import { conflict, notFound } from "../errors.ts";
import { lockResourceServer } from "../resource-servers/lock-resource-server.ts";
import { checkGrantableScopes } from "./check-grantable-scopes.ts";
import { presentClientGrant } from "./present-client-grant.ts";

const clientNotFound = () => notFound("The client does not exist", "inexistent_client");
export const grantConflict = () => conflict("A client grant for this client and audience already exists.", "client_grant_conflict");

export async function createClientGrant(db: Db, input: ClientGrantCreateInput, actor: Actor): Promise<Record<string, unknown>> {
  const scopes = [...new Set(input.scope ?? [])];
  try {
    const row = await db.$transaction(async (tx) => {
      const client = await tx.client.findUnique({ where: { client_id: input.client_id }, select: { client_id: true } });
      if (!client) throw clientNotFound();
      const api = await lockResourceServer(tx, input.audience);
      if (!api) throw notFound(`No resource with identifier ${input.audience}`, "inexistent_resource_server");
      checkGrantableScopes(api, scopes, actor);
      const existing = await tx.clientGrant.findUnique({ where: { client_id_audience: { client_id: input.client_id, audience: input.audience } }, select: { id: true } });
      if (existing) throw grantConflict();
      return tx.clientGrant.create({
        data: {
          id: newClientGrantId(),
          client_id: input.client_id,
          audience: input.audience,
          scope: scopes,
          organization_usage: input.organization_usage ?? null,
          allow_any_organization: input.allow_any_organization ?? false,
        },
      });
    });
    return presentClientGrant(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw grantConflict();
    // The client was deleted while the grant was being written.
    if (isForeignKeyViolation(error)) throw clientNotFound();
    throw error;
  }
}
