// The permissions a role grants, in Auth0's item shape { resource_server_identifier,
// permission_name, resource_server_name, description } (description: the API's description of
// the scope, left out when the API no longer defines it). Ordered by API identifier, then
// permission name, in the service for the same reason as listRoles (identical order on both
// databases); a role holds at most MAX_PERMISSIONS_PER_ROLE (1000), a bounded read.
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { binaryCompare } from "./binary-compare.ts";
import { getRoleRowOrThrow } from "./get-role.ts";
import { readApiScopes } from "./read-api-scopes.ts";

export type RolePermissionItem = {
  resource_server_identifier: string;
  permission_name: string;
  resource_server_name: string;
  description?: string;
};

export async function listRolePermissions(
  db: DbOrTx,
  roleId: string,
  window: { skip: number; take: number },
  _actor: Actor,
): Promise<{ permissions: RolePermissionItem[]; total: number }> {
  await getRoleRowOrThrow(db, roleId);
  const rows = await db.rolePermission.findMany({
    where: { role_id: roleId },
    select: { resource_server_identifier: true, permission_name: true },
  });
  rows.sort((a, b) => binaryCompare(a.resource_server_identifier, b.resource_server_identifier) || binaryCompare(a.permission_name, b.permission_name));
  const page = rows.slice(window.skip, window.skip + window.take);
  const identifiers = [...new Set(page.map((row) => row.resource_server_identifier))];
  const apis = identifiers.length
    ? await db.resourceServer.findMany({ where: { identifier: { in: identifiers } }, select: { identifier: true, name: true, scopes: true } })
    : [];
  const apiByIdentifier = new Map(apis.map((api) => [api.identifier, { name: api.name, scopes: readApiScopes(api.scopes) }]));
  const permissions = page.map((row): RolePermissionItem => {
    const api = apiByIdentifier.get(row.resource_server_identifier);
    const description = api?.scopes.get(row.permission_name);
    return {
      resource_server_identifier: row.resource_server_identifier,
      permission_name: row.permission_name,
      resource_server_name: api?.name ?? row.resource_server_identifier,
      ...(description !== undefined ? { description } : {}),
    };
  });
  return { permissions, total: rows.length };
}
