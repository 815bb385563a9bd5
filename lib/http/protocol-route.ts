// Route frame for protocol endpoints (/oauth/*, /.well-known/*, /userinfo, ...): errors answer in
// RFC 6749's `{ error, error_description }` family (STYLE.md point 3).
import { OAuthError } from "../oidc/errors.ts";
import { AppError } from "../services/errors.ts";
import { json } from "./json.ts";
import { withRequest, type ErrorRenderer, type RouteContext } from "./with-request.ts";
import type { Db } from "../db/client.ts";

const renderer: ErrorRenderer = {
  known(error) {
    if (error instanceof OAuthError) return json(error.toJSON(), { status: error.status, headers: error.headers });
    if (error instanceof AppError && error.status < 500)
      return json({ error: "invalid_request", error_description: error.message }, { status: error.status });
    return null;
  },
  unavailable: (message) => json({ error: "temporarily_unavailable", error_description: message }, { status: 503, headers: { "retry-after": "5" } }),
  internal: (requestId) =>
    json({ error: "server_error", error_description: `An unexpected error occurred (request id ${requestId}).` }, { status: 500 }),
};

export function protocolRoute(handler: (request: Request, db: Db, context: RouteContext) => Promise<Response>) {
  return withRequest(renderer, handler);
}
