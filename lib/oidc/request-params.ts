// Reads the parameters of a protocol POST: application/x-www-form-urlencoded (RFC 6749) or JSON
// (Auth0 accepts both on /oauth/token). RFC 6749 §3.2: a parameter must not appear twice.
import { OAuthError } from "./errors.ts";

export type Params = Record<string, string>;

const MAX_BODY_BYTES = 64 * 1024;

function assertNoNul(key: string, value: string): void {
  // NUL cannot be stored or even compared in PostgreSQL text.
  if (key.includes("\u0000") || value.includes("\u0000")) throw new OAuthError("invalid_request", "Parameters must not contain the NUL character.");
}

export function paramsFromSearch(search: URLSearchParams): Params {
  const out: Params = {};
  for (const [key, value] of search) {
    assertNoNul(key, value);
    if (key in out) throw new OAuthError("invalid_request", `Parameter '${key}' must not be included more than once.`);
    out[key] = value;
  }
  return out;
}

export async function readBodyParams(request: Request): Promise<Params> {
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new OAuthError("invalid_request", "Request body too large.", { status: 413 });
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new OAuthError("invalid_request", "Request body too large.", { status: 413 });

  if (contentType === "application/x-www-form-urlencoded" || (contentType === "" && !text.trimStart().startsWith("{"))) {
    return paramsFromSearch(new URLSearchParams(text));
  }
  if (contentType === "application/json" || contentType === "") {
    let parsed: unknown;
    try {
      parsed = text === "" ? {} : JSON.parse(text);
    } catch {
      throw new OAuthError("invalid_request", "The request body is not valid JSON.");
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
      throw new OAuthError("invalid_request", "The request body must be a JSON object.");
    const out: Params = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (value === null || value === undefined) continue;
      if (typeof value === "string") assertNoNul(key, value);
      if (typeof value === "string") out[key] = value;
      else if (typeof value === "number" || typeof value === "boolean") out[key] = String(value);
      // Auth0 accepts `scope` as an array in JSON bodies ("Scope must be an array or a string").
      else if (key === "scope" && Array.isArray(value) && value.every((v) => typeof v === "string")) out[key] = value.join(" ");
      else throw new OAuthError(key === "scope" ? "invalid_scope" : "invalid_request", key === "scope" ? "Scope must be an array or a string" : `Parameter '${key}' must be a string.`);
    }
    return out;
  }
  throw new OAuthError("invalid_request", "Unsupported content type: use application/x-www-form-urlencoded or application/json.");
}
