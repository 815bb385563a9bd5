// Lists roles ordered by name, then id, with Auth0's `name_filter`: a case-insensitive substring
// of the name.
//
// Filtering and ordering happen here rather than in SQL so that both databases answer alike:
// SQLite's LIKE (Prisma `contains`) folds ASCII case only while PostgreSQL's is case-sensitive;
// `lower()` folds ASCII only on SQLite but all of Unicode on PostgreSQL; ORDER BY follows each
// database's collation. A tenant holds at most MAX_ROLES_PER_TENANT (1000) roles (createRole
// enforces it, as Auth0 does), so reading every role's id, name and description is a small,
// bounded read. The filter never reaches SQL, so `%`, `_` and `\` in it are ordinary characters.
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { binaryCompare } from "./binary-compare.ts";
import { presentRole, ROLE_SELECT } from "./present-role.ts";

export type ListRolesInput = {
  /** Case-insensitive substring of the name; empty means no filter. */
  nameFilter?: string;
  /** SDK v7 filters: Gatehouse has tenant roles only (no Organizations). */
  type?: "tenant" | "organization";
  ownerId?: string;
  skip: number;
  take: number;
};

/** Unicode default case folding (locale-independent), the same for names and filters. */
const foldCase = (value: string) => value.toLowerCase();

export async function listRoles(db: DbOrTx, input: ListRolesInput, _actor: Actor): Promise<{ roles: Record<string, unknown>[]; total: number }> {
  // Organization roles (and so any role with an owner) do not exist in Gatehouse.
  if (input.type === "organization" || input.ownerId) return { roles: [], total: 0 };
  const rows = await db.role.findMany({ select: ROLE_SELECT });
  const needle = input.nameFilter ? foldCase(input.nameFilter) : "";
  const matching = needle ? rows.filter((row) => foldCase(row.name).includes(needle)) : rows;
  matching.sort((a, b) => binaryCompare(a.name, b.name) || binaryCompare(a.id, b.id));
  return { roles: matching.slice(input.skip, input.skip + input.take).map(presentRole), total: matching.length };
}
