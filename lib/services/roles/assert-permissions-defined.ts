// A permission must name an existing API (by its identifier, the audience) and a scope that API
// defines; the first entry that does not is reported, by name, as a 400. (The same rule applies to
// users' direct permissions.)
//
// Must run inside the transaction that writes the permissions. It takes the APIs' row locks first
// (a no-op update, the protocol of resource-servers/lock-resource-server.ts), so an API update
// that removes a scope either commits before this read (and the grant is refused) or waits and
// then prunes the new permission (prune-undefined-scopes.ts): a role never keeps a scope its API
// does not define.
import type { DbOrTx } from "../../db/client.ts";
import type { PermissionReference } from "../../schemas/roles.ts";
import { invalid } from "../errors.ts";
import { readApiScopes } from "./read-api-scopes.ts";

export async function assertPermissionsDefined(tx: DbOrTx, permissions: readonly PermissionReference[]): Promise<void> {
  const identifiers = [...new Set(permissions.map((p) => p.resource_server_identifier))];
  await tx.resourceServer.updateMany({ where: { identifier: { in: identifiers } }, data: { updated_at: new Date() } });
  const apis = await tx.resourceServer.findMany({ where: { identifier: { in: identifiers } }, select: { identifier: true, scopes: true } });
  const scopesByApi = new Map(apis.map((api) => [api.identifier, readApiScopes(api.scopes)]));
  for (const p of permissions) {
    const scopes = scopesByApi.get(p.resource_server_identifier);
    if (!scopes) throw invalid(`Resource server ${p.resource_server_identifier} does not exist.`, "invalid_body");
    if (!scopes.has(p.permission_name))
      throw invalid(`Permission ${p.permission_name} is not defined by API ${p.resource_server_identifier}.`, "invalid_body");
  }
}
