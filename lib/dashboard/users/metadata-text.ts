// Metadata typed as JSON text in the dashboard's forms, checked with the API's own schema
// (lib/schemas/users.ts: object, key rules, app_metadata's reserved keys).
import { userUpdateSchema } from "../../schemas/users.ts";

export type MetadataField = "user_metadata" | "app_metadata";

/** The parsed object, or a message for the field. Blank text is `{}` when `blankIsEmpty`, else undefined. */
export function parseMetadataText(field: MetadataField, text: string, blankIsEmpty = false): { value?: Record<string, unknown>; error?: string } {
  if (text.trim() === "") return blankIsEmpty ? { value: {} } : {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
  const result = userUpdateSchema.safeParse({ [field]: parsed });
  if (!result.success) return { error: result.error.issues[0]?.message ?? "Not a valid metadata object." };
  return { value: parsed as Record<string, unknown> };
}
