// The frame around every route handler: request context (id, IP), readiness, one access-log line,
// and the last line of defence that turns any error into the route family's error body. A
// database outage becomes a 503 with a clear message; anything unexpected is logged with its
// stack and answered with a generic 500 that leaks nothing.
import { ready } from "../boot/ready.ts";
import type { Db } from "../db/client.ts";
import { isDatabaseUnavailable } from "../db/errors.ts";
import { logger } from "../logs/logger.ts";
import { clientIp } from "./client-ip.ts";
import { requestIdFrom, runWithRequestContext } from "./request-context.ts";

export type ErrorRenderer = {
  /** Renders errors the family knows (OAuthError, AppError, ...); returns null for anything else. */
  known(error: unknown): Response | null;
  unavailable(message: string): Response;
  internal(requestId: string): Response;
};

/** What Next.js passes route handlers: `params` resolves to undefined for static routes. */
export type RouteContext = { params: Promise<Record<string, string | string[] | undefined> | undefined> };

export function withRequest(
  renderer: ErrorRenderer,
  handler: (request: Request, db: Db, context: RouteContext) => Promise<Response>,
): (request: Request, context?: RouteContext) => Promise<Response> {
  return async (request, context = { params: Promise.resolve({}) }) => {
    const requestId = requestIdFrom(request.headers);
    const url = new URL(request.url);
    const started = performance.now();
    return runWithRequestContext(
      {
        requestId,
        ip: clientIp(request.headers),
        userAgent: request.headers.get("user-agent") ?? undefined,
        hostname: url.hostname,
      },
      async () => {
        let response: Response;
        try {
          const db = await ready();
          response = await handler(request, db, context);
        } catch (error) {
          response =
            renderer.known(error) ??
            (isDatabaseUnavailable(error)
              ? (logger().warn({ err: error }, "database unavailable"),
                renderer.unavailable("The database is unavailable. Please retry shortly."))
              : (logger().error({ err: error }, "unhandled error"), renderer.internal(requestId)));
        }
        response.headers.set("x-request-id", requestId);
        logger().info(
          { method: request.method, path: url.pathname, status: response.status, ms: Math.round(performance.now() - started) },
          "request",
        );
        return response;
      },
    );
  };
}
