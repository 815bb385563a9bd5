// A tiny relying party built on next-auth v4 with its Auth0 provider pointed at Gatehouse, for the
// browser tests (e2e/next-auth.spec.ts).
//
// Why not a second Next.js app: a second `next build` would add about half a minute to every CI
// run for nothing next-auth needs. next-auth's own Next.js API-route handler (`NextAuth(req, res,
// options)` from "next-auth/next", the pages-router entry point) runs unchanged here behind a
// few lines of node:http adaptation (query with the `nextauth` path segments, a parsed body and
// cookies; res.status/send/json), so the real provider code runs end to end: discovery from
// `${issuer}/.well-known/openid-configuration`, the authorization redirect with PKCE and state,
// the callback, the code exchange (client_secret_basic), the ID token checks (openid-client v5
// inside next-auth), the JWT session cookie, getServerSession and sign-out.
//
//   GET  /                       the "app": who is signed in (getServerSession), or a sign-in link
//   *    /api/auth/*             next-auth (its built-in sign-in and sign-out pages included)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AuthOptions } from "next-auth";
import nextAuthModule, { getServerSession } from "next-auth/next";
import auth0Module from "next-auth/providers/auth0";

/** next-auth ships CommonJS with `exports.default`: depending on the loader, the default import is the module object. */
function defaultExport<T>(imported: T): T {
  return (imported as { default?: T }).default ?? imported;
}
const NextAuth = defaultExport(nextAuthModule);
const Auth0Provider = defaultExport(auth0Module);

export type NextAuthApp = {
  origin: string;
  /** The redirect URI to register on the Gatehouse application. */
  callbackUrl: string;
  /** Points the Auth0 provider at a Gatehouse application (call before the first sign-in). */
  configure(client: { clientId: string; clientSecret: string; issuer: string }): void;
  close(): Promise<void>;
};

type NextLikeRequest = IncomingMessage & { query: Record<string, string | string[]>; body?: Record<string, string>; cookies: Record<string, string> };
type NextLikeResponse = ServerResponse & { status(code: number): NextLikeResponse; send(body: unknown): void; json(body: unknown): void };

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) out[part.slice(0, index).trim()] = decodeURIComponent(part.slice(index + 1).trim());
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<Record<string, string> | undefined> {
  if (req.method !== "POST") return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if ((req.headers["content-type"] ?? "").includes("application/json")) return text ? (JSON.parse(text) as Record<string, string>) : {};
  return Object.fromEntries(new URLSearchParams(text));
}

function adapt(req: IncomingMessage, res: ServerResponse, url: URL, body: Record<string, string> | undefined): [NextLikeRequest, NextLikeResponse] {
  const nextauth = url.pathname.startsWith("/api/auth/") ? url.pathname.slice("/api/auth/".length).split("/").filter(Boolean) : [];
  const request = Object.assign(req, { query: { ...Object.fromEntries(url.searchParams), nextauth }, body, cookies: parseCookies(req.headers.cookie) });
  const response = res as NextLikeResponse;
  response.status = (code: number) => {
    res.statusCode = code;
    return response;
  };
  response.json = (value: unknown) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(value));
  };
  response.send = (value: unknown) => {
    if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) return response.json(value);
    res.end(value ?? "");
  };
  return [request, response];
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startNextAuthApp(): Promise<NextAuthApp> {
  let options: AuthOptions | undefined;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (!options) {
        res.writeHead(503).end("not configured");
        return;
      }
      const [request, response] = adapt(req, res, url, await readBody(req));
      if (url.pathname.startsWith("/api/auth/")) {
        await (NextAuth as unknown as (req: NextLikeRequest, res: NextLikeResponse, options: AuthOptions) => Promise<void>)(request, response, options);
        return;
      }
      if (url.pathname !== "/") {
        res.writeHead(404).end();
        return;
      }
      const session = await (getServerSession as unknown as (req: NextLikeRequest, res: NextLikeResponse, options: AuthOptions) => Promise<{ user?: { name?: string; email?: string } } | null>)(request, response, options);
      const body = session?.user
        ? `<h1>Signed in</h1><p data-testid="session-email">${escape(session.user.email ?? "")}</p><p data-testid="session-name">${escape(session.user.name ?? "")}</p><p><a href="/api/auth/signout">Sign out</a></p>`
        : `<h1>Not signed in</h1><p><a href="/api/auth/signin">Sign in</a></p>`;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><html lang="en"><head><title>next-auth app</title></head><body>${body}</body></html>`);
    })().catch((error: unknown) => {
      console.error("next-auth app:", error);
      if (!res.headersSent) res.writeHead(500);
      res.end("error");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // next-auth v4 reads its own base URL from the environment.
  process.env.NEXTAUTH_URL = `${origin}/api/auth`;

  return {
    origin,
    callbackUrl: `${origin}/api/auth/callback/auth0`,
    configure({ clientId, clientSecret, issuer }) {
      options = {
        secret: "e2e-next-auth-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        session: { strategy: "jwt" },
        // As applications configure it: the tenant domain without a trailing slash.
        providers: [Auth0Provider({ clientId, clientSecret, issuer: issuer.replace(/\/$/, "") })],
      };
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
