/// <reference types="vite/client" />
// Calls the app's route handlers in-process with standard Requests, matching URLs to
// app/**/route.ts the way Next.js's App Router does (groups, [param], [...param]). Route modules
// are the real ones; only the HTTP server is left out. `appFetch` is a fetch() for SDKs: it sends
// https://gatehouse.test/... to the handlers.
import { PEER_IP_HEADER } from "../../lib/http/client-ip.ts";
import { TEST_DOMAIN } from "../setup/test-env.ts";

type RouteModule = Record<string, unknown>;
type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]> | undefined> }) => Promise<Response>;

// Globs skip dot-folders, so /.well-known is listed on its own.
const modules = {
  ...import.meta.glob<RouteModule>("/app/**/route.ts"),
  ...import.meta.glob<RouteModule>("/app/.well-known/**/route.ts"),
};

type Route = { pattern: RegExp; names: string[]; catchAll: Set<string>; load: () => Promise<RouteModule>; specificity: number };

const routes: Route[] = Object.entries(modules).map(([file, load]) => {
  const segments = file.replace(/^\/app/, "").replace(/\/route\.ts$/, "").split("/").filter((s) => s && !/^\(.*\)$/.test(s));
  const names: string[] = [];
  const catchAll = new Set<string>();
  let specificity = 0;
  const source = segments
    .map((segment) => {
      const optionalCatchAll = /^\[\[\.\.\.(\w+)\]\]$/.exec(segment);
      const catchAllMatch = /^\[\.\.\.(\w+)\]$/.exec(segment);
      const dynamic = /^\[(\w+)\]$/.exec(segment);
      if (optionalCatchAll) {
        names.push(optionalCatchAll[1]!);
        catchAll.add(optionalCatchAll[1]!);
        return "(?:/(.*))?";
      }
      if (catchAllMatch) {
        names.push(catchAllMatch[1]!);
        catchAll.add(catchAllMatch[1]!);
        return "/(.+)";
      }
      if (dynamic) {
        names.push(dynamic[1]!);
        specificity += 1;
        return "/([^/]+)";
      }
      specificity += 10;
      return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
    })
    .join("");
  return { pattern: new RegExp(`^${source || "/"}$`), names, catchAll, load, specificity };
});
routes.sort((a, b) => b.specificity - a.specificity);

export async function dispatch(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string | string[]> = {};
    route.names.forEach((name, i) => {
      const raw = match[i + 1];
      if (raw === undefined) return;
      // Next.js hands handlers decoded segments.
      params[name] = route.catchAll.has(name) ? raw.split("/").map(decodeURIComponent) : decodeURIComponent(raw);
    });
    const mod = await route.load();
    const handler = mod[request.method] as Handler | undefined;
    if (!handler) return new Response(null, { status: 405 });
    // Like Next.js: static routes get params resolving to undefined.
    return handler(request, { params: Promise.resolve(route.names.length ? params : undefined) });
  }
  return new Response("Not Found", { status: 404 });
}

/** A fetch() that serves https://gatehouse.test/* from the route handlers. */
export const appFetch: typeof fetch = async (input, init) => {
  const request = new Request(input instanceof Request ? input : String(input), init);
  const url = new URL(request.url);
  if (url.host !== TEST_DOMAIN) throw new Error(`appFetch only serves ${TEST_DOMAIN}, not ${url.host}`);
  const headers = new Headers(request.headers);
  headers.set(PEER_IP_HEADER, "203.0.113.7");
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
  return dispatch(new Request(request.url, { method: request.method, headers, body }));
};

/** Shorthand for tests: a request to the app with a JSON or form body. */
export async function call(
  method: string,
  path: string,
  options: { token?: string; json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form).toString();
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return appFetch(`https://${TEST_DOMAIN}${path}`, { method, headers, body });
}
