// A react-hook-form resolver that validates with the API's own zod schema (STYLE.md point 7):
// the form's values are turned into the request body the Management API takes (`toPayload`),
// parsed with the schema, and each issue is reported on the form field its path starts with.
// The form keeps the values as typed, so nothing is lost on a validation error.
import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { ZodType } from "zod";

export function schemaResolver<V extends FieldValues>(schema: ZodType, toPayload: (values: V) => unknown, fieldFor: (path: PropertyKey[]) => string = (path) => String(path[0] ?? "root")): Resolver<V> {
  return async (values) => {
    const parsed = schema.safeParse(toPayload(values));
    if (parsed.success) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of parsed.error.issues) {
      const field = fieldFor(issue.path);
      const where = field.includes(".") || issue.path.length <= 1 ? "" : ` (${issue.path.slice(1).map(String).join(".")})`;
      // Nested like the form's values ("scopes.0.value" → errors.scopes[0].value), first issue wins.
      const keys = field.split(".");
      let node = errors;
      for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
      node[keys.at(-1)!] ??= { type: issue.code, message: `${issue.message}${where}` };
    }
    return { values: {}, errors: errors as FieldErrors<V> };
  };
}

/** One entry per line (blank lines dropped, whitespace trimmed). Also accepts commas. */
export function linesToList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export function listToLines(list: unknown): string {
  return Array.isArray(list) ? list.map(String).join("\n") : "";
}
