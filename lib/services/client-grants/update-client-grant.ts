// Changes a grant's scopes and organization settings (client_id and audience never change). New
// scopes are checked against the API's current scope list under its lock, like a new grant's. The
// next token request sees the change; tokens already issued keep their scopes until they expire.
import type { Db, Prisma } from "../../db/client.ts";
import { isRecordNotFound } from "../../db/errors.ts";
import type { ClientGrantUpdateInput } from "../../schemas/client-grants.ts";
import type { Actor } from "../actor.ts";
import { lockResourceServer } from "../resource-servers/lock-resource-server.ts";
import { checkGrantableScopes } from "./check-grantable-scopes.ts";
import { clientGrantNotFound, getClientGrantRowOrThrow } from "./get-client-grant.ts";
import { presentClientGrant } from "./present-client-grant.ts";

export async function updateClientGrant(db: Db, id: string, input: ClientGrantUpdateInput, actor: Actor): Promise<Record<string, unknown>> {
  try {
    const row = await db.$transaction(async (tx) => {
      const grant = await getClientGrantRowOrThrow(tx, id);
      const data: Prisma.ClientGrantUpdateInput = {};
      if (input.scope !== undefined) {
        const api = await lockResourceServer(tx, grant.audience);
        if (!api) throw clientGrantNotFound();
        const scopes = [...new Set(input.scope ?? [])];
        checkGrantableScopes(api, scopes, actor, grant.scope as string[]);
        data.scope = scopes;
      }
      if (input.organization_usage !== undefined) data.organization_usage = input.organization_usage;
      if (input.allow_any_organization !== undefined) data.allow_any_organization = input.allow_any_organization ?? false;
      return tx.clientGrant.update({ where: { id }, data });
    });
    return presentClientGrant(row);
  } catch (error) {
    if (isRecordNotFound(error)) throw clientGrantNotFound();
    throw error;
  }
}
