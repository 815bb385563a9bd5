// The searchable leaves of user_metadata / app_metadata (table user_metadata_values; spec §4.6):
// objects give dotted paths, array levels are skipped (`addresses.city` matches any element's
// city), null, empty arrays and empty objects are not indexed. Rewritten with the metadata, inside
// the same transaction, by every write that changes it.
import type { DbOrTx } from "../../db/client.ts";

export type MetadataSource = "user" | "app";
export type MetadataLeaf = {
  path: string;
  position: number;
  value_text: string | null;
  value_number: number | null;
  value_bool: boolean | null;
};

/** Leaves beyond this many per object are not indexed (a guard; the profile size limit comes first). */
export const MAX_INDEXED_LEAVES = 2_000;
/** Long strings are indexed by their first characters: exact matches on longer values re-check the JSON. */
export const MAX_INDEXED_TEXT = 512;

export function flattenMetadata(metadata: unknown): MetadataLeaf[] {
  const leaves: MetadataLeaf[] = [];
  const positions = new Map<string, number>();
  const visit = (value: unknown, path: string, depth: number) => {
    if (leaves.length >= MAX_INDEXED_LEAVES || depth > 32 || value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, path, depth + 1);
      return;
    }
    if (typeof value === "object") {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) visit(child, path ? `${path}.${key}` : key, depth + 1);
      return;
    }
    if (!path) return;
    const position = positions.get(path) ?? 0;
    positions.set(path, position + 1);
    leaves.push({
      path,
      position,
      value_text: typeof value === "string" ? value.slice(0, MAX_INDEXED_TEXT) : null,
      value_number: typeof value === "number" && Number.isFinite(value) ? value : null,
      value_bool: typeof value === "boolean" ? value : null,
    });
  };
  visit(metadata, "", 0);
  return leaves;
}

/** Replaces the indexed leaves of one metadata object of one user. Call inside the write's transaction. */
export async function replaceMetadataIndex(tx: DbOrTx, userId: string, source: MetadataSource, metadata: unknown): Promise<void> {
  await tx.userMetadataValue.deleteMany({ where: { user_id: userId, source } });
  const leaves = flattenMetadata(metadata);
  if (leaves.length > 0) await tx.userMetadataValue.createMany({ data: leaves.map((leaf) => ({ user_id: userId, source, ...leaf })) });
}
