// One wrapper for every /api/v2 route (STYLE.md points 1-3). An operation declares its method,
// path, scopes and zod schemas; the wrapper authenticates the bearer token, checks scopes, parses
// path/query/body (400 invalid_uri / invalid_query_string / invalid_body naming the field), runs the
// handler, writes the audit log event (sapi / fapi / mgmt_api_read), and renders every error as
// Auth0's { statusCode, error, message, errorCode }. A client mistake never becomes a 5xx.
//
// Operations are also the source of the OpenAPI document (lib/management/openapi.ts).
import type { ZodType } from "zod";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { json, noContent } from "../http/json.ts";
import { withRequest, type ErrorRenderer, type RouteContext } from "../http/with-request.ts";
import { writeLogEvent } from "../logs/write-log-event.ts";
import { AppError } from "../services/errors.ts";
import { authenticateManagementRequest, type ManagementCaller } from "./authenticate.ts";
import { insufficientScope, managementErrorResponse, ManagementApiError } from "./errors.ts";
import { checkPathParam, parseWith, queryObject, readJsonBody } from "./validation.ts";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export type OperationResult = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** The response carried secrets (client_secret, ...): logged as `mgmt_api_read`, as Auth0 does. */
  secretsRead?: boolean;
  /** What the audit event keeps of the response body instead of the body (a login link must not end up in the logs). */
  logBody?: unknown;
};

export type OperationContext<P, Q, B> = {
  db: Db;
  caller: ManagementCaller;
  params: P;
  query: Q;
  body: B;
  request: Request;
};

export type OperationSpec<P, Q, B> = {
  method: HttpMethod;
  /** OpenAPI-style path under /api/v2, e.g. `/clients/{id}`. */
  path: string;
  summary: string;
  /** The caller needs any one of these scopes (or all, with scopeMode "all"). */
  scopes: readonly string[];
  scopeMode?: "any" | "all";
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** A body is required when a body schema is given, unless this is false. */
  bodyRequired?: boolean;
  /** A Gatehouse extension, not part of Auth0's API (marked so in the OpenAPI document). */
  extension?: boolean;
  successStatus: number;
  handler: (context: OperationContext<P, Q, B>) => Promise<OperationResult>;
};

export type Operation = OperationSpec<unknown, unknown, unknown> & {
  handle: (request: Request, context?: RouteContext) => Promise<Response>;
};

const renderer: ErrorRenderer = {
  known(error) {
    if (error instanceof ManagementApiError)
      return managementErrorResponse(error.statusCode, error.message, error.errorCode, error.headers);
    if (error instanceof AppError && error.status < 500) return managementErrorResponse(error.status, error.message, error.errorCode);
    return null;
  },
  unavailable: (message) => managementErrorResponse(503, message, "temporarily_unavailable", { "retry-after": "5" }),
  internal: (requestId) => managementErrorResponse(500, `An internal error occurred (request id ${requestId}).`, "internal_error"),
};

const REDACT = /secret|password|private|hash|^token$/i;

/** A copy that is safe to keep in a log event: secrets replaced, long strings cut. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[…]";
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = REDACT.test(k) ? "[redacted]" : redact(v, depth + 1);
    return out;
  }
  if (typeof value === "string" && value.length > 1024) return `${value.slice(0, 1024)}…`;
  return value;
}

function checkScopes(caller: ManagementCaller, scopes: readonly string[], mode: "any" | "all"): void {
  if (scopes.length === 0) return;
  const ok = mode === "all" ? scopes.every((s) => caller.scopes.has(s)) : scopes.some((s) => caller.scopes.has(s));
  if (!ok) throw insufficientScope(scopes, mode);
}

/**
 * Path parameters as the router hands them over: already percent-decoded once (Next.js decodes
 * dynamic segments). Decoding again would turn the identifier `urn:a%41b` into `urn:aAb`, another
 * API, so they are only checked here (regression test in tests/api/resource-servers.db.test.ts).
 */
async function pathParams(context: RouteContext | undefined): Promise<Record<string, string>> {
  // Next.js resolves `params` to undefined for routes without dynamic segments.
  const raw = (context ? await context.params : undefined) ?? {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === "string") out[key] = checkPathParam(value);
    else if (Array.isArray(value)) out[key] = value.map(checkPathParam).join("/");
  }
  return out;
}

function responseFor(result: OperationResult): Response {
  if (result.body === undefined) return result.status === 204 ? noContent() : new Response(null, { status: result.status, headers: result.headers });
  return json(result.body, { status: result.status, headers: result.headers });
}

export function defineOperation<P = Record<string, never>, Q = Record<string, never>, B = undefined>(spec: OperationSpec<P, Q, B>): Operation {
  const mutating = spec.method !== "GET";
  const handle = withRequest(renderer, async (request: Request, db: Db, routeContext: RouteContext) => {
    const url = new URL(request.url);
    let caller: ManagementCaller | undefined;
    let body: unknown;
    try {
      caller = await authenticateManagementRequest(db, request.headers.get("authorization"));
      checkScopes(caller, spec.scopes, spec.scopeMode ?? "any");
      const params = parseWith((spec.params ?? z.object({})) as ZodType<P>, await pathParams(routeContext), "params");
      const query = parseWith((spec.query ?? z.object({})) as ZodType<Q>, queryObject(url.searchParams), "query");
      if (spec.body) {
        body = await readJsonBody(request);
        if (body === undefined && spec.bodyRequired === false) body = {};
        if (body === undefined) throw new ManagementApiError(400, "Payload validation error: 'Missing request body'.", "invalid_body");
      }
      const parsedBody = spec.body ? parseWith(spec.body, body, "body") : (undefined as B);
      const result = await spec.handler({ db, caller, params, query, body: parsedBody, request });
      if (mutating) {
        await writeLogEvent(db, {
          type: "sapi",
          description: spec.summary,
          client_id: caller.clientId,
          details: {
            request: { method: spec.method, path: url.pathname, query: redact(Object.fromEntries(url.searchParams)), body: redact(body), auth: { subject: caller.subject, strategy: "jwt", credentials: { jti: caller.tokenId, scopes: [...caller.scopes] } } },
            response: { statusCode: result.status, body: redact(result.logBody ?? result.body) },
          },
        });
      } else if (result.secretsRead) {
        await writeLogEvent(db, {
          type: "mgmt_api_read",
          description: spec.summary,
          client_id: caller.clientId,
          details: { request: { method: spec.method, path: url.pathname }, accessedSecrets: true },
        });
      }
      return responseFor(result);
    } catch (error) {
      if (mutating && caller) {
        const status = error instanceof ManagementApiError ? error.statusCode : error instanceof AppError ? error.status : 500;
        await writeLogEvent(db, {
          type: "fapi",
          description: error instanceof Error ? error.message.slice(0, 512) : "Failed API operation",
          client_id: caller.clientId,
          details: { request: { method: spec.method, path: url.pathname, body: redact(body) }, response: { statusCode: status } },
        });
      }
      throw error;
    }
  });
  return { ...(spec as unknown as OperationSpec<unknown, unknown, unknown>), handle };
}
