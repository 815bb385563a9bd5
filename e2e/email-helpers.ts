// Helpers of the email specs: the messages the instance sent (scripts/e2e-server.mjs writes each
// one received by its SMTP server to <E2E_DATA_DIR>/emails/*.json), and the Management API calls
// that set up an application and users for a spec (each spec makes its own, with unique names).
import { readdirSync, readFileSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import type { APIRequestContext } from "@playwright/test";

export type SentEmail = { to: string[]; subject: string; text: string; links: string[] };

const CLIENT_ID = "e2e-automation"; // scripts/e2e-server.mjs
const CLIENT_SECRET = "e2e-automation-secret-0123456789-abcdefghijklmnop";
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const ISSUER = `http://localhost:${PORT}/`;
/** A page of the instance that answers 200: the applications' callback in these specs. */
export const CALLBACK = `${ISSUER}ready`;

function readEmails(): SentEmail[] {
  const dir = join(process.env.E2E_DATA_DIR ?? "", "emails");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as SentEmail);
}

/** The newest message to `to` whose subject matches, waiting up to `timeoutMs` for it. */
export async function waitForEmail(to: string, subject: RegExp, timeoutMs = 15_000): Promise<SentEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readEmails().filter((m) => m.to.includes(to.toLowerCase()) && subject.test(m.subject)).at(-1);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no email to ${to} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function emailsTo(to: string): SentEmail[] {
  return readEmails().filter((m) => m.to.includes(to.toLowerCase()));
}

export function linkStartingWith(message: SentEmail, prefix: string): string {
  const link = message.links.find((l) => l.startsWith(prefix));
  if (!link) throw new Error(`no link starting with ${prefix} in ${message.links.join(", ")}`);
  return link;
}

export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;

export async function managementApi(request: APIRequestContext) {
  const tokenResponse = await request.post("/oauth/token", {
    form: { grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET, audience: `${ISSUER}api/v2/` },
  });
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const headers = { authorization: `Bearer ${access_token}` };
  return async (method: string, path: string, data?: unknown) => {
    const response = await request.fetch(`/api/v2${path}`, { method, headers, ...(data !== undefined ? { data } : {}) });
    const text = await response.text();
    return { status: response.status(), body: text ? JSON.parse(text) : undefined };
  };
}

/** A single-page application with the callback, and an /authorize URL (code + PKCE) for it. */
export async function createApplication(request: APIRequestContext, name = unique("e2e-app")) {
  const api = await managementApi(request);
  const created = await api("POST", "/clients", { name, app_type: "spa", callbacks: [CALLBACK] });
  if (created.status !== 201) throw new Error(`create client failed: ${created.status} ${JSON.stringify(created.body)}`);
  const clientId = created.body.client_id as string;
  const authorizeUrl = (extra: Record<string, string> = {}) => {
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    return `/authorize?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid profile email", state: randomBytes(8).toString("hex"), code_challenge: challenge, code_challenge_method: "S256", ...extra })}`;
  };
  return { clientId, authorizeUrl, api };
}
