// user_metadata / app_metadata merge rules for PATCH (auth0-management-api.md §2.4): a shallow merge
// at the first level: each top-level key given replaces the stored one (nested objects are not
// merged), a top-level `null` deletes the key, and an empty object clears the whole object. The
// result must fit METADATA_MAX_BYTES (lib/schemas/users.ts explains the limit).
import { METADATA_MAX_BYTES } from "../../schemas/users.ts";
import { invalid } from "../errors.ts";

export type MetadataObject = Record<string, unknown>;

function asObject(value: unknown): MetadataObject {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as MetadataObject) : {};
}

export function mergeMetadata(stored: unknown, patch: MetadataObject): MetadataObject {
  const entries = Object.entries(patch);
  if (entries.length === 0) return {};
  const merged = new Map(Object.entries(asObject(stored)));
  for (const [key, value] of entries) {
    if (value === null) merged.delete(key);
    else merged.set(key, value);
  }
  // fromEntries defines own properties: no key (not even __proto__, refused earlier) can reach a prototype.
  return Object.fromEntries(merged);
}

export function assertMetadataSize(source: "user_metadata" | "app_metadata", value: MetadataObject): void {
  const bytes = Buffer.byteLength(JSON.stringify(value), "utf8");
  if (bytes > METADATA_MAX_BYTES)
    throw invalid(
      `Payload validation error: '${source} is too large: ${bytes} bytes of JSON, at most ${METADATA_MAX_BYTES} are allowed' on property ${source}.`,
      "invalid_body",
    );
}
