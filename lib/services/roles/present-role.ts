// A role row in Auth0's response shape: { id, name, description }. Auth0's schema types
// description as a plain string, so an unset description is left out rather than sent as null.
// `is_system: true` marks Gatehouse's own role (as on clients), which cannot be renamed or deleted.
import type { Db } from "../../db/client.ts";

export type RoleRow = Pick<Awaited<ReturnType<Db["role"]["findFirstOrThrow"]>>, "id" | "name" | "description" | "is_system">;

/** The columns every role read selects. */
export const ROLE_SELECT = { id: true, name: true, description: true, is_system: true } as const;

export function presentRole(row: RoleRow): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    ...(row.description !== null ? { description: row.description } : {}),
    ...(row.is_system ? { is_system: true } : {}),
  };
}
