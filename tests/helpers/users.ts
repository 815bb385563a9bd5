// Helpers for the users tests: Management API calls with a full-scope token, unique users.
import { call } from "./app.ts";
import { managementToken } from "./tokens.ts";

export type Json = Record<string, unknown>;
/** `body` is parsed JSON, typed as JSON.parse types it (tests read into it freely). */
export type ApiResult = { status: number; body: ReturnType<typeof JSON.parse>; text: string; headers: Headers };

let fullToken: Promise<string> | undefined;
export function fullScopeToken(): Promise<string> {
  fullToken ??= managementToken();
  return fullToken;
}

export async function api(method: string, path: string, json?: unknown, token?: string): Promise<ApiResult> {
  const response = await call(method, `/api/v2${path}`, { token: token ?? (await fullScopeToken()), json });
  const text = await response.text();
  let body: ReturnType<typeof JSON.parse>;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, body, text, headers: response.headers };
}

export const tag = () => crypto.randomUUID().replaceAll("-", "").slice(0, 10);
export const uniqueEmail = (prefix = "user") => `${prefix}.${tag()}@example.com`;

/** A password that passes the default connection's policy ("good", 8+). */
export const PASSWORD = "Correct-Horse-42";
export const DEFAULT_CONNECTION = "Username-Password-Authentication";

export async function createUser(fields: Json = {}): Promise<Json> {
  const r = await api("POST", "/users", { connection: DEFAULT_CONNECTION, email: uniqueEmail(), password: PASSWORD, ...fields });
  if (r.status !== 201) throw new Error(`create user failed: ${r.status} ${r.text}`);
  return r.body as Json;
}

export const userPath = (userId: string) => `/users/${encodeURIComponent(userId)}`;

export async function db() {
  const { getDb } = await import("../../lib/db/client.ts");
  return getDb();
}

/** A database connection with the given options (merged over Gatehouse's defaults by the API). */
export async function createConnection(options: Json = {}): Promise<{ id: string; name: string }> {
  const r = await api("POST", "/connections", { name: `conn-${tag()}`, strategy: "auth0", options });
  if (r.status !== 201) throw new Error(`create connection failed: ${r.status} ${r.text}`);
  return { id: r.body.id as string, name: r.body.name as string };
}

/** Sends a raw (possibly malformed) body. */
export async function rawApi(method: string, path: string, body: string, token?: string): Promise<ApiResult> {
  const { appFetch } = await import("./app.ts");
  const response = await appFetch(`https://gatehouse.test/api/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${token ?? (await fullScopeToken())}`, "content-type": "application/json" },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text, headers: response.headers };
}

export async function operatorUserId(): Promise<string> {
  const database = await db();
  const user = await database.user.findFirstOrThrow({ where: { connection: { name: "gatehouse-operators" } }, select: { user_id: true } });
  return user.user_id;
}
