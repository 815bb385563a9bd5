// What the hosted-login specs need from the instance under test (scripts/e2e-server.mjs): its
// issuer, the Management API through the bootstrap M2M client `e2e-automation`, and unique
// applications, connections and users, so specs stay independent on the shared instance.
import { randomBytes } from "node:crypto";
import type { Page, Route } from "@playwright/test";

export const ISSUER = `http://localhost:${process.env.E2E_PORT ?? 3100}/`;
const CLIENT_ID = "e2e-automation";
const CLIENT_SECRET = "e2e-automation-secret-0123456789-abcdefghijklmnop";

/** An unreachable https callback: specs intercept the navigation to it (see catchCallback). */
export const CALLBACK = "https://app.example/callback";
export const LOGGED_OUT_URL = "https://app.example/logged-out";
export const PASSWORD = "Correct-Horse-42";

export const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString("hex")}`;
export const uniqueEmail = (prefix = "user") => `${unique(prefix)}@example.com`;

let token: Promise<string> | undefined;

async function managementToken(): Promise<string> {
  const response = await fetch(`${ISSUER}oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET, audience: `${ISSUER}api/v2/` }),
  });
  if (!response.ok) throw new Error(`management token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export async function api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
  token ??= managementToken();
  const response = await fetch(`${ISSUER}api/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${await token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export type App = { client_id: string; client_secret: string; name: string };

/**
 * A regular web application with the refresh_token grant, logout URLs and only the given connections
 * enabled (new applications get every connection, including other specs'; the default database
 * connection unless told otherwise).
 */
export async function createApp(fields: Record<string, unknown> = {}, connections: string[] = ["Username-Password-Authentication"]): Promise<App> {
  const app = await api<App>("POST", "/clients", {
    name: unique("E2E App"),
    app_type: "regular_web",
    callbacks: [CALLBACK],
    allowed_logout_urls: [LOGGED_OUT_URL],
    grant_types: ["authorization_code", "refresh_token"],
    ...fields,
  });
  for (let from: string | undefined; ; ) {
    const page = await api<{ connections: { id: string; name: string }[]; next?: string }>(
      "GET",
      `/clients/${app.client_id}/connections?take=100${from ? `&from=${encodeURIComponent(from)}` : ""}`,
    );
    for (const connection of page.connections)
      if (!connections.includes(connection.name)) await api("PATCH", `/connections/${connection.id}/clients`, [{ client_id: app.client_id, status: false }]);
    if (!page.next || page.connections.length === 0) break;
    from = page.next;
  }
  return app;
}

export async function createConnection(options: Record<string, unknown> = {}, enabledFor: string[] = []): Promise<{ id: string; name: string }> {
  const connection = await api<{ id: string; name: string }>("POST", "/connections", { name: unique("e2e-db"), strategy: "auth0", options });
  if (enabledFor.length) await api("PATCH", `/connections/${connection.id}/clients`, enabledFor.map((client_id) => ({ client_id, status: true })));
  return connection;
}

export async function createUser(fields: Record<string, unknown> = {}): Promise<{ user_id: string; email: string }> {
  return api("POST", "/users", { connection: "Username-Password-Authentication", email: uniqueEmail(), password: PASSWORD, email_verified: true, ...fields });
}

/** /authorize for `app` with the spec's parameters (a regular web app: no PKCE needed). */
export function authorizeUrl(app: { client_id: string }, params: Record<string, string> = {}): string {
  const query = new URLSearchParams({ response_type: "code", client_id: app.client_id, redirect_uri: CALLBACK, scope: "openid profile email", state: unique("st"), ...params });
  return `${ISSUER}authorize?${query}`;
}

/**
 * Answers every request to https://app.example/ (the application) with a small page, so the
 * browser really lands there; returns the requests seen (the authorization responses).
 */
export async function catchCallback(page: Page): Promise<{ url: URL; method: string; form: URLSearchParams }[]> {
  const seen: { url: URL; method: string; form: URLSearchParams }[] = [];
  await page.context().route("https://app.example/**", async (route: Route) => {
    const request = route.request();
    seen.push({ url: new URL(request.url()), method: request.method(), form: new URLSearchParams(request.postData() ?? "") });
    await route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>The application</title><h1>The application</h1>" });
  });
  return seen;
}

/** Fills and sends the hosted login form. */
export async function logIn(page: Page, identifier: string, password = PASSWORD): Promise<void> {
  await page.getByLabel(/^Email address/).fill(identifier);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
}

/**
 * Runs `action` (a navigation or a form submission) and returns the URL the browser was sent to on
 * the application (https://app.example/...). Navigations the page starts itself are answered by
 * catchCallback; a 302 from Gatehouse (e.g. /authorize with an SSO session) is a redirect, which
 * Playwright's routing does not intercept, so the browser's own attempt fails to resolve the
 * unreachable host: the request is still seen, and that failure is expected.
 */
export async function reachApplication(page: Page, action: () => Promise<unknown>): Promise<URL> {
  const request = page.waitForRequest((r) => r.url().startsWith("https://app.example/"), { timeout: 15_000 });
  // Where the navigation ends: the application's page (a route of catchCallback) or the browser's
  // error page for the unreachable host. It must have committed before the next navigation, or
  // that navigation is cut short by it.
  const landed = page
    .waitForEvent("framenavigated", {
      predicate: (frame) => frame === page.mainFrame() && (frame.url().startsWith("chrome-error:") || frame.url().startsWith("https://app.example/")),
      timeout: 10_000,
    })
    .catch(() => undefined);
  await action().catch((error: unknown) => {
    if (!/ERR_NAME_NOT_RESOLVED|ERR_ABORTED|ERR_FAILED|interrupted by another navigation/.test(String(error))) throw error;
  });
  const url = new URL((await request).url());
  // Also when the action itself returned (a click whose form submission then redirected): the
  // redirect's navigation may still be under way, and a page.goto now would be interrupted by it
  // (seen once in CI).
  await landed;
  return url;
}

/** The authorization response's query, once `action` sent the browser to the callback. */
export async function callbackQuery(page: Page, action: () => Promise<unknown>): Promise<URLSearchParams> {
  const url = await reachApplication(page, action);
  if (`${url.origin}${url.pathname}` !== CALLBACK) throw new Error(`expected the callback, got ${url.href}`);
  return url.searchParams;
}

/** The page's own alert (Next.js's route announcer is an empty role="alert" too). */
export function formAlert(page: Page) {
  return page.locator("[role=alert]:not(#__next-route-announcer__)");
}
