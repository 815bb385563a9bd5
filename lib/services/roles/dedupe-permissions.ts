// Request bodies may name one permission twice; acting on each once keeps inserts free of
// self-inflicted duplicates and error messages about the first occurrence.
import type { PermissionReference } from "../../schemas/roles.ts";

export const permissionKey = (p: PermissionReference) => JSON.stringify([p.resource_server_identifier, p.permission_name]);

export function dedupePermissions(permissions: readonly PermissionReference[]): PermissionReference[] {
  const seen = new Map<string, PermissionReference>();
  for (const p of permissions) if (!seen.has(permissionKey(p))) seen.set(permissionKey(p), p);
  return [...seen.values()];
}

