// Route frame for /dbconnections/*: the request frame of every route (request id, IP, readiness,
// 503 on a database outage) with the legacy error body (./legacy-error.ts). Rate limits answer 429
// with Retry-After; other protocol errors (bad JSON) are 400s in the same shape.
import type { Db } from "../db/client.ts";
import { AttackProtectionError } from "../attack-protection/errors.ts";
import { withRequest, type ErrorRenderer } from "../http/with-request.ts";
import { OAuthError } from "../oidc/errors.ts";
import { AppError } from "../services/errors.ts";
import { DbConnectionsError } from "./legacy-error.ts";

const renderer: ErrorRenderer = {
  known(error) {
    if (error instanceof DbConnectionsError) return error.toResponse();
    if (error instanceof AttackProtectionError)
      return new DbConnectionsError(429, "too_many_requests", error.message, error.retryAfterSeconds ? { "retry-after": String(error.retryAfterSeconds) } : {}).toResponse();
    if (error instanceof OAuthError && error.status < 500) return new DbConnectionsError(error.status, error.error, error.description).toResponse();
    if (error instanceof AppError && error.status < 500) return new DbConnectionsError(error.status, error.errorCode ?? "invalid_request", error.message).toResponse();
    return null;
  },
  unavailable: (message) => new DbConnectionsError(503, "temporarily_unavailable", message, { "retry-after": "5" }).toResponse(),
  internal: (requestId) => new DbConnectionsError(500, "server_error", `An unexpected error occurred (request id ${requestId}).`).toResponse(),
};

export function dbConnectionsRoute(handler: (request: Request, db: Db) => Promise<Response>) {
  return withRequest(renderer, (request, db) => handler(request, db));
}

/** The JSON object body (the SDK sends JSON; forms are accepted too, as for /oauth/token). */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const text = await request.text();
  if (text.length > 64 * 1024) throw new DbConnectionsError(413, "invalid_body", "Request body too large.");
  if (contentType === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(text));
  let parsed: unknown;
  try {
    parsed = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new DbConnectionsError(400, "invalid_body", "The request body is not valid JSON.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new DbConnectionsError(400, "invalid_body", "The request body must be a JSON object.");
  return parsed as Record<string, unknown>;
}
