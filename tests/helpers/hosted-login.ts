// Helpers for the hosted-login service tests: applications made through the Management API, login
// transactions started the way /authorize starts them, and the outcome's pieces.
import type { AuthorizeOutcome } from "../../lib/oidc/authorize/authorize.ts";
import { api, db, tag } from "./users.ts";

export const CALLBACK = "https://app.example.com/callback";

export type App = { client_id: string; client_secret?: string; name: string };

export async function createApp(fields: Record<string, unknown> = {}): Promise<App> {
  const r = await api("POST", "/clients", { name: `App ${tag()}`, app_type: "regular_web", callbacks: [CALLBACK], ...fields });
  if (r.status !== 201) throw new Error(`create client failed: ${r.status} ${r.text}`);
  return r.body as App;
}

/** Runs /authorize's core (validation, session, consent decisions) as the route does. */
export async function authorizeRequest(params: Record<string, string>, sessionCookie?: string): Promise<AuthorizeOutcome> {
  const { authorize } = await import("../../lib/oidc/authorize/authorize.ts");
  return authorize(await db(), {
    params: { response_type: "code", redirect_uri: CALLBACK, scope: "openid profile email", ...params },
    sessionCookie,
  });
}

/** The `state` (transaction id) of an interaction outcome, checking the page it leads to. */
export function interactionState(outcome: AuthorizeOutcome, page: "/u/login" | "/u/signup" | "/u/consent" = "/u/login"): string {
  if (outcome.kind !== "interaction") throw new Error(`expected an interaction, got ${JSON.stringify(outcome)}`);
  const url = new URL(outcome.location, "https://gatehouse.test");
  if (url.pathname !== page) throw new Error(`expected ${page}, got ${outcome.location}`);
  return url.searchParams.get("state")!;
}

/** The query of a redirect response to the application. */
export function callbackParams(outcome: AuthorizeOutcome): URLSearchParams {
  if (outcome.kind !== "response" || outcome.response.kind !== "redirect") throw new Error(`expected a redirect response, got ${JSON.stringify(outcome)}`);
  const url = new URL(outcome.response.location);
  if (`${url.origin}${url.pathname}` !== CALLBACK) throw new Error(`unexpected redirect ${outcome.response.location}`);
  return url.searchParams;
}

export async function logEvents(where: Record<string, unknown>) {
  const database = await db();
  return database.logEvent.findMany({ where, orderBy: { log_id: "asc" } });
}

/** Enables a connection for applications created before it (new applications get every connection). */
export async function enableConnection(connectionId: string, ...clientIds: string[]): Promise<void> {
  const { api } = await import("./users.ts");
  const r = await api("PATCH", `/connections/${connectionId}/clients`, clientIds.map((client_id) => ({ client_id, status: true })));
  if (r.status >= 300) throw new Error(`enable connection failed: ${r.status} ${r.text}`);
}
