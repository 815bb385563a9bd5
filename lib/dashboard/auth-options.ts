// next-auth v4 for the dashboard: operators sign in with Gatehouse's own OpenID Connect endpoints
// (authorization code + PKCE + state; client "gatehouse-dashboard", lib/dashboard/dashboard-client.ts).
//
// The browser is sent to the public issuer (<issuer>authorize). The server's own calls (token,
// JWKS) go to this process over 127.0.0.1:<PORT>: the public issuer URL may not be reachable from
// inside (a reverse proxy, split DNS, a container port mapping). The ID token is still checked
// against the public issuer (`iss`), and its signature against our keys.
//
// The session is next-auth's encrypted JWT cookie holding the operator's user_id, email, name, the
// SSO session id (`sid`) and the ID token (kept server-side for the sign-out's id_token_hint; the
// session endpoint never returns it). Whether the user is an operator is NOT decided here: it is
// checked on every request by requireOperator() (lib/dashboard/require-operator.ts), so revoking
// the role, blocking the user or ending their Gatehouse session takes effect at once.
import { createHmac } from "node:crypto";
import type { AuthOptions } from "next-auth";
import { derivedKey } from "../crypto/master-key.ts";
import { env } from "../env.ts";
import { logger } from "../logs/logger.ts";
import { DASHBOARD_CLIENT_ID, DASHBOARD_PROVIDER_ID, dashboardClientSecret } from "./dashboard-client.ts";

/** How long a dashboard sign-in lasts (the SSO session may end it sooner, see requireOperator). */
export const DASHBOARD_SESSION_SECONDS = 12 * 3600;

export type DashboardToken = {
  sub?: string;
  email?: string | null;
  name?: string | null;
  sid?: string;
  id_token?: string;
};

/** The base URL of this process as seen from itself. */
export function localOrigin(): string {
  const { host, port } = env();
  const local = host === "0.0.0.0" || host === "::" || host === "localhost" || host === "" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return `http://${local}:${port}`;
}

/** next-auth's JWT encryption secret, derived from the master secret (nothing to configure). */
export function nextAuthSecret(): string {
  return createHmac("sha256", derivedKey("cookies")).update("gatehouse-next-auth:v1", "utf8").digest("base64url");
}

let cached: AuthOptions | undefined;

export function authOptions(): AuthOptions {
  if (cached) return cached;
  const { issuer } = env();
  // next-auth v4 reads its own public URL from NEXTAUTH_URL and nothing else (the only variable
  // Gatehouse writes rather than reads; derived from GATEHOUSE_ISSUER so it cannot disagree).
  process.env.NEXTAUTH_URL = `${issuer}api/auth`;
  const local = localOrigin();
  cached = {
    secret: nextAuthSecret(),
    session: { strategy: "jwt", maxAge: DASHBOARD_SESSION_SECONDS },
    jwt: { maxAge: DASHBOARD_SESSION_SECONDS },
    useSecureCookies: issuer.startsWith("https://"),
    pages: { signIn: "/dashboard/sign-in", error: "/dashboard/sign-in", signOut: "/dashboard" },
    providers: [
      {
        id: DASHBOARD_PROVIDER_ID,
        name: "Gatehouse",
        type: "oauth",
        issuer,
        clientId: DASHBOARD_CLIENT_ID,
        clientSecret: dashboardClientSecret(),
        client: { token_endpoint_auth_method: "client_secret_basic", id_token_signed_response_alg: "RS256" },
        authorization: { url: `${issuer}authorize`, params: { scope: "openid profile email", response_type: "code" } },
        token: `${local}/oauth/token`,
        jwks_endpoint: `${local}/.well-known/jwks.json`,
        idToken: true,
        checks: ["pkce", "state"],
        profile(claims: Record<string, unknown>) {
          return {
            id: String(claims.sub),
            email: typeof claims.email === "string" ? claims.email : null,
            name: typeof claims.name === "string" ? claims.name : null,
            image: typeof claims.picture === "string" ? claims.picture : null,
          };
        },
      },
    ],
    callbacks: {
      async jwt({ token, account, profile }) {
        if (account && profile) {
          const claims = profile as Record<string, unknown>;
          const next: DashboardToken = {
            sub: String(claims.sub),
            email: typeof claims.email === "string" ? claims.email : null,
            name: typeof claims.name === "string" ? claims.name : null,
            sid: typeof claims.sid === "string" ? claims.sid : undefined,
            id_token: account.id_token,
          };
          return next as typeof token;
        }
        return token;
      },
      async session({ session, token }) {
        const t = token as DashboardToken;
        // What /api/auth/session shows the browser: never the ID token.
        return { expires: session.expires, user: { id: t.sub, email: t.email ?? null, name: t.name ?? null } } as typeof session;
      },
      async redirect({ url, baseUrl }) {
        // Only this instance's own pages (next-auth's default also allows the same origin).
        if (url.startsWith("/")) return `${baseUrl.replace(/\/api\/auth$/, "")}${url}`;
        try {
          if (new URL(url).origin === new URL(issuer).origin) return url;
        } catch {
          // fall through
        }
        return `${issuer}dashboard`;
      },
    },
    logger: {
      error: (code, metadata) => logger().warn({ code, err: metadata instanceof Error ? metadata : undefined, metadata: metadata instanceof Error ? undefined : metadata }, "dashboard sign-in (next-auth)"),
      warn: (code) => logger().debug({ code }, "next-auth warning"),
      debug: () => {},
    },
  };
  return cached;
}
