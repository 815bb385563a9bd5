// What a users export writes for each user (auth0-management-api.md §6): fields are profile paths
// (`email`, `identities[0].connection`, `user_metadata.consent.given`, whole `app_metadata` in JSON
// only), each written under its `export_as` name. NDJSON writes one object per line (absent
// values left out); CSV writes a header and one row per user, with OWASP CSV-injection escaping.
export type ExportField = { name: string; export_as?: string };

/** The fields written when the request names none (the normalized profile). */
export const DEFAULT_EXPORT_FIELDS: readonly ExportField[] = [
  "user_id", "email", "email_verified", "username", "phone_number", "phone_verified", "name", "given_name", "family_name", "nickname",
  "picture", "locale", "created_at", "updated_at", "last_login", "last_ip", "logins_count", "blocked", "identities[0].connection",
].map((name) => ({ name }));
/** JSON exports also carry the metadata objects by default (CSV cannot hold objects). */
export const DEFAULT_JSON_EXTRA_FIELDS: readonly ExportField[] = [{ name: "app_metadata" }, { name: "user_metadata" }];

export const MAX_CSV_FIELDS = 30;
/** Fields holding whole objects or arrays: JSON only. */
export const OBJECT_FIELDS = new Set(["app_metadata", "user_metadata", "identities", "multifactor"]);
/** Dates Gatehouse generates: written without the CSV-injection quote (§6). */
const GENERATED_DATES = new Set(["created_at", "updated_at", "last_login", "last_password_reset"]);

type PathStep = string | number;

function parsePath(name: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const part of name.split(".")) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      steps.push(part);
      continue;
    }
    if (match[1]) steps.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return steps;
}

export type CompiledField = { key: string; name: string; steps: PathStep[] };

export function compileFields(fields: readonly ExportField[]): CompiledField[] {
  return fields.map((field) => ({ key: field.export_as ?? field.name, name: field.name, steps: parsePath(field.name) }));
}

export function valueAt(profile: Record<string, unknown>, steps: PathStep[]): unknown {
  let current: unknown = profile;
  for (const step of steps) {
    if (current === null || current === undefined) return undefined;
    if (typeof step === "number") current = Array.isArray(current) ? current[step] : undefined;
    else current = typeof current === "object" && !Array.isArray(current) && Object.hasOwn(current, step) ? (current as Record<string, unknown>)[step] : undefined;
  }
  return current;
}

export function jsonLine(profile: Record<string, unknown>, fields: CompiledField[]): string {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = valueAt(profile, field.steps);
    if (value !== undefined) out[field.key] = value;
  }
  return `${JSON.stringify(out)}\n`;
}

/** OWASP CSV-injection escaping: strings become `"'…"` with `"` doubled; numbers and booleans as is. */
export function csvCell(value: unknown, fieldName: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const escaped = text.replace(/"/g, '""');
  return GENERATED_DATES.has(fieldName) ? `"${escaped}"` : `"'${escaped}"`;
}

export function csvHeader(fields: CompiledField[]): string {
  return `${fields.map((field) => `"${field.key.replace(/"/g, '""')}"`).join(",")}\n`;
}

export function csvLine(profile: Record<string, unknown>, fields: CompiledField[]): string {
  return `${fields.map((field) => csvCell(valueAt(profile, field.steps), field.name)).join(",")}\n`;
}
