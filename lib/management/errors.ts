// Auth0's Management API error body (auth0-management-api.md §1.3):
//   { statusCode, error: <HTTP reason phrase>, message, errorCode? }
// 401 bodies carry `attributes: { error: <message> }` and no errorCode, as Auth0's do.
import { json } from "../http/json.ts";

export const REASON_PHRASES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  414: "Request-URI Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export class ManagementApiError extends Error {
  override name = "ManagementApiError";
  constructor(
    readonly statusCode: number,
    message: string,
    readonly errorCode?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function managementErrorResponse(statusCode: number, message: string, errorCode?: string, headers: Record<string, string> = {}): Response {
  const body: Record<string, unknown> = { statusCode, error: REASON_PHRASES[statusCode] ?? "Error", message };
  if (statusCode === 401) body.attributes = { error: message };
  else if (errorCode) body.errorCode = errorCode;
  return json(body, { status: statusCode, headers });
}

export const unauthorized = (message: string) =>
  new ManagementApiError(401, message, undefined, { "www-authenticate": 'Bearer realm="gatehouse", error="invalid_token"' });
export const insufficientScope = (expected: readonly string[], mode: "any" | "all" = "any") =>
  new ManagementApiError(403, `Insufficient scope, expected ${mode} of: ${expected.join(",")}`, "insufficient_scope");
export const invalidBody = (message: string) => new ManagementApiError(400, message, "invalid_body");
export const invalidQuery = (message: string) => new ManagementApiError(400, message, "invalid_query_string");
export const invalidUri = (message: string) => new ManagementApiError(400, message, "invalid_uri");
