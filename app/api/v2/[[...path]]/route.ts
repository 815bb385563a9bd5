// Any /api/v2 path no operation serves: Auth0's JSON 404 (never Next's HTML page), so SDKs and
// scripts get an error body they can read.
import { managementErrorResponse } from "@/lib/management/errors.ts";

export const dynamic = "force-dynamic";

function notFound(request: Request): Response {
  return managementErrorResponse(404, `Not Found: ${request.method} ${new URL(request.url).pathname}`, "inexistent_route");
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
