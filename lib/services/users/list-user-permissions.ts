// GET /api/v2/users/{id}/permissions (auth0-management-api.md §3.8): the permissions the user
// holds, granted directly or through roles, one item per (API, permission) with Auth0's `sources`:
// [{ source_id, source_name, source_type: "DIRECT" | "ROLE" }] (a direct grant has empty id and
// name, as Auth0 answers). Items carry the API's name and the scope's description (left out when
// the API no longer defines it). Ordered by API identifier, then permission name, in the service
// (the same order on both databases).
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { binaryCompare } from "../roles/binary-compare.ts";
import { readApiScopes } from "../roles/read-api-scopes.ts";
import { getUserRowOrThrow } from "./get-user.ts";

export type PermissionSource = { source_id: string; source_name: string; source_type: "DIRECT" | "ROLE" };
export type UserPermissionItem = {
  resource_server_identifier: string;
  permission_name: string;
  resource_server_name: string;
  description?: string;
  sources: PermissionSource[];
};

export async function listUserPermissions(
  db: DbOrTx,
  userId: string,
  window: { skip: number; take: number },
  _actor: Actor,
): Promise<{ permissions: UserPermissionItem[]; total: number }> {
  await getUserRowOrThrow(db, userId);
  const [direct, viaRoles] = await Promise.all([
    db.userPermission.findMany({ where: { user_id: userId }, select: { resource_server_identifier: true, permission_name: true } }),
    db.rolePermission.findMany({
      where: { role: { users: { some: { user_id: userId } } } },
      select: { resource_server_identifier: true, permission_name: true, role: { select: { id: true, name: true } } },
    }),
  ]);
  const byKey = new Map<string, { resource_server_identifier: string; permission_name: string; sources: PermissionSource[] }>();
  const entry = (identifier: string, name: string) => {
    const key = JSON.stringify([identifier, name]);
    let item = byKey.get(key);
    if (!item) byKey.set(key, (item = { resource_server_identifier: identifier, permission_name: name, sources: [] }));
    return item;
  };
  for (const p of direct) entry(p.resource_server_identifier, p.permission_name).sources.push({ source_id: "", source_name: "", source_type: "DIRECT" });
  for (const p of viaRoles)
    entry(p.resource_server_identifier, p.permission_name).sources.push({ source_id: p.role.id, source_name: p.role.name, source_type: "ROLE" });

  const all = [...byKey.values()].sort(
    (a, b) => binaryCompare(a.resource_server_identifier, b.resource_server_identifier) || binaryCompare(a.permission_name, b.permission_name),
  );
  const page = all.slice(window.skip, window.skip + window.take);
  const identifiers = [...new Set(page.map((p) => p.resource_server_identifier))];
  const apis = identifiers.length
    ? await db.resourceServer.findMany({ where: { identifier: { in: identifiers } }, select: { identifier: true, name: true, scopes: true } })
    : [];
  const apiByIdentifier = new Map(apis.map((api) => [api.identifier, { name: api.name, scopes: readApiScopes(api.scopes) }]));
  const permissions = page.map((p): UserPermissionItem => {
    const api = apiByIdentifier.get(p.resource_server_identifier);
    const description = api?.scopes.get(p.permission_name);
    return {
      resource_server_identifier: p.resource_server_identifier,
      permission_name: p.permission_name,
      resource_server_name: api?.name ?? p.resource_server_identifier,
      ...(description !== undefined ? { description } : {}),
      sources: p.sources.sort((a, b) => (a.source_type === b.source_type ? binaryCompare(a.source_name, b.source_name) : a.source_type === "DIRECT" ? -1 : 1)),
    };
  });
  return { permissions, total: all.length };
}
