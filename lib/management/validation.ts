// Request parsing for the Management API: query strings, JSON bodies and path parameters, validated
// with zod and reported the way Auth0 reports them (auth0-management-api.md §1.3):
//   400 invalid_body          "Payload validation error: 'Additional properties not allowed: foo'."
//   400 invalid_query_string  "Query validation error: 'Expected type integer' on property per_page."
import { z, type ZodType } from "zod";
import { invalidBody, invalidQuery, invalidUri, ManagementApiError } from "./errors.ts";

/** Management API request bodies are capped at 1 MB, as Auth0's are. */
export const MAX_BODY_BYTES = 1024 * 1024;

type Issue = z.core.$ZodIssue & { input?: unknown };

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** zod's own messages; anything else was written by a schema and says it better than we can. */
const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized key|Expected)/;

function describe(issue: Issue): { text: string; path: string } {
  const path = issue.path.map(String);
  const where = path.join(".");
  if (issue.code !== "unrecognized_keys" && !(issue.code === "invalid_type" && issue.input === undefined) && !ZOD_DEFAULT_MESSAGE.test(issue.message))
    return { text: issue.message, path: where };
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) {
        return { text: `Missing required property: ${path.at(-1) ?? ""}`, path: path.slice(0, -1).join(".") };
      }
      return { text: `Expected type ${issue.expected} but found type ${typeOf(issue.input)}`, path: where };
    case "unrecognized_keys":
      return { text: `Additional properties not allowed: ${issue.keys.join(",")}`, path: where };
    case "invalid_value":
      // A required enum or literal property that is absent.
      if (issue.input === undefined) return { text: `Missing required property: ${path.at(-1) ?? ""}`, path: path.slice(0, -1).join(".") };
      return { text: `No enum match for: ${JSON.stringify(issue.input)}`, path: where };
    case "invalid_format":
      return { text: `Object didn't pass validation for format ${issue.format}: ${String(issue.input)}`, path: where };
    case "too_small":
      if (issue.origin === "string") return { text: `String is too short (${String(issue.input ?? "").length} chars), minimum ${issue.minimum}`, path: where };
      if (issue.origin === "array") return { text: `Array is too short (${(issue.input as unknown[] | undefined)?.length ?? 0}), minimum ${issue.minimum}`, path: where };
      return { text: `Value ${String(issue.input)} is less than minimum ${issue.minimum}`, path: where };
    case "too_big":
      if (issue.origin === "string") return { text: `String is too long (${String(issue.input ?? "").length} chars), maximum ${issue.maximum}`, path: where };
      if (issue.origin === "array") return { text: `Array is too long (${(issue.input as unknown[] | undefined)?.length ?? 0}), maximum ${issue.maximum}`, path: where };
      if (issue.origin === "object") return { text: `Too many properties, maximum ${issue.maximum}`, path: where };
      return { text: `Value ${String(issue.input)} is greater than maximum ${issue.maximum}`, path: where };
    case "invalid_union":
      return { text: "Data does not match any schemas from 'anyOf'", path: where };
    default:
      return { text: issue.message, path: where };
  }
}

/** Auth0-style text for the first issue, e.g. `'Missing required property: name'.` */
export function formatIssue(issue: Issue): string {
  const { text, path } = describe(issue);
  return path ? `'${text}' on property ${path}.` : `'${text}'.`;
}

export function parseWith<T>(schema: ZodType<T>, value: unknown, kind: "body" | "query" | "params"): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const first = formatIssue(result.error.issues[0] as Issue);
  if (kind === "body") throw invalidBody(`Payload validation error: ${first}`);
  if (kind === "query") throw invalidQuery(`Query validation error: ${first}`);
  throw invalidUri(`Path validation error: ${first}`);
}

/**
 * Query string → object. Repeated keys become arrays (the SDKs send arrays that way); the literal
 * `null` is dropped (SDK v4 sends absent optional values as `null`).
 */
export function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of search) {
    if (value === "null") continue;
    if (key.includes("\u0000") || value.includes("\u0000"))
      throw invalidQuery("Query validation error: 'The NUL character (\\u0000) is not allowed'.");
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/**
 * JSON nested deeper than this is refused: no Auth0 payload comes close, and the database's JSON
 * serializer gives up on deep nesting (which would surface as a 500).
 */
export const MAX_JSON_DEPTH = 32;

/** NUL cannot be stored in PostgreSQL text, even as a bound parameter: refuse it at the door. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (value === null || typeof value !== "object" || depth > MAX_JSON_DEPTH) return false;
  for (const [key, child] of Object.entries(value as object)) if (key.includes("\u0000") || containsNul(child, depth + 1)) return true;
  return false;
}

/** Nesting depth, counted no further than `limit`: never recurses deeper than that (stack-safe). */
function depthOf(value: unknown, limit: number): number {
  if (value === null || typeof value !== "object") return 0;
  if (limit <= 0) return 1;
  let deepest = 0;
  for (const child of Object.values(value as object)) {
    deepest = Math.max(deepest, depthOf(child, limit - 1));
    if (deepest >= limit) break;
  }
  return deepest + 1;
}

/** Reads a JSON (or form-encoded, which Auth0's OAS also allows) request body, capped at 1 MB. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ManagementApiError(413, `Payload content length greater than maximum allowed: ${MAX_BODY_BYTES}.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new ManagementApiError(413, `Payload content length greater than maximum allowed: ${MAX_BODY_BYTES}.`);
  if (text.trim() === "") return undefined;
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (contentType === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(text));
  if (contentType !== "" && contentType !== "application/json" && !contentType.endsWith("+json"))
    throw new ManagementApiError(415, `Unsupported content type ${contentType}: send application/json.`, "invalid_body");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidBody("Invalid request payload JSON format");
  }
  if (depthOf(parsed, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH)
    throw invalidBody(`Payload validation error: 'JSON nested deeper than ${MAX_JSON_DEPTH} levels'.`);
  if (containsNul(parsed)) throw invalidBody("Payload validation error: 'The NUL character (\\u0000) is not allowed'.");
  return parsed;
}

/** A path parameter (already decoded by the router): NUL is refused, as everywhere. */
export function checkPathParam(value: string): string {
  if (value.includes("\u0000")) throw invalidUri("Path validation error: 'The NUL character (\\u0000) is not allowed'.");
  return value;
}

// Query-string field types: values arrive as strings.
export const queryBoolean = z.enum(["true", "false"]).transform((v) => v === "true");
export const queryInteger = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+$/, "Expected type integer")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
export const queryList = <T extends ZodType>(item: T) =>
  z.union([item.transform((v) => [v]), z.array(item)]) as unknown as ZodType<z.output<T>[]>;
/** A comma-separated list (`fields=a,b`, `app_type=spa,native`). */
export const queryCsv = z.string().transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean));
