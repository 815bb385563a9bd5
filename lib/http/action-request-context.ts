// The request context (lib/http/request-context.ts) of a server action or server component, built
// from the request headers Next exposes there (route handlers get theirs from withRequest). Log
// events written inside it record the request's IP, user agent and host.
import { clientIp } from "./client-ip.ts";
import { requestIdFrom, runWithRequestContext, type RequestContext } from "./request-context.ts";

export function runWithActionRequestContext<T>(headers: Headers, fn: () => T): T {
  const context: RequestContext = {
    requestId: requestIdFrom(headers),
    ip: clientIp(headers),
    userAgent: headers.get("user-agent") ?? undefined,
    hostname: headers.get("host")?.replace(/:\d+$/, "") ?? undefined,
  };
  return runWithRequestContext(context, fn);
}
