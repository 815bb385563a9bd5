// An API's (resource server's) `scopes` Json column, [{ value, description }], as a map from scope
// value to description. Entries that are not well-formed are skipped rather than trusted.
export function readApiScopes(scopes: unknown): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  if (!Array.isArray(scopes)) return out;
  for (const scope of scopes as unknown[]) {
    if (!scope || typeof scope !== "object") continue;
    const { value, description } = scope as { value?: unknown; description?: unknown };
    if (typeof value === "string") out.set(value, typeof description === "string" ? description : undefined);
  }
  return out;
}
