// Client authentication at the token endpoint (RFC 6749 §2.3.1, OpenID Connect Core §9):
// client_secret_basic, client_secret_post, or none for public clients.
//
// - A client must use exactly one method (RFC 6749 §2.3).
// - Confidential clients may use Basic or Post whatever their registered method: Auth0 accepts
//   both, and openid-client defaults to Basic while Auth0 applications default to Post.
// - Unknown client and wrong secret fail identically and in the same time (a hash comparison runs
//   either way), so the endpoint cannot be used to discover client ids.
import { timingSafeEqual } from "node:crypto";
import type { Db } from "../db/client.ts";
import type { findClientWithSecretHash } from "../db/secrets.ts";
import { findClientForAuthentication } from "./config-lookups.ts";
import { sha256Hex } from "../crypto/random.ts";
import { OAuthError } from "./errors.ts";
import type { Params } from "./request-params.ts";

export type AuthMethod = "client_secret_basic" | "client_secret_post" | "none";
type ClientRow = NonNullable<Awaited<ReturnType<typeof findClientWithSecretHash>>>;
export type AuthenticatedClient = Omit<ClientRow, "client_secret_hash"> & { auth_method: AuthMethod };

const DUMMY_HASH = sha256Hex("gatehouse: no such client");

function failed(basic: boolean): OAuthError {
  return new OAuthError("invalid_client", "Client authentication failed.", {
    headers: basic ? { "WWW-Authenticate": 'Basic realm="gatehouse", error="invalid_client"' } : {},
  });
}

function decodeBasic(authorization: string): { clientId: string; secret: string } {
  const encoded = authorization.slice(6).trim();
  let decoded: string;
  try {
    decoded = Buffer.from(encoded, "base64").toString("utf8");
  } catch {
    throw failed(true);
  }
  const colon = decoded.indexOf(":");
  if (colon < 1) throw failed(true);
  // RFC 6749 §2.3.1: both parts are application/x-www-form-urlencoded before base64.
  const formDecode = (v: string) => {
    try {
      return decodeURIComponent(v.replace(/\+/g, " "));
    } catch {
      throw failed(true);
    }
  };
  return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

function secretMatches(secret: string, hash: string | null): boolean {
  const given = Buffer.from(sha256Hex(secret), "hex");
  const stored = Buffer.from(hash ?? DUMMY_HASH, "hex");
  return timingSafeEqual(given, stored.length === given.length ? stored : Buffer.from(DUMMY_HASH, "hex")) && hash !== null;
}

export async function authenticateClient(
  db: Db,
  input: { authorization: string | null; params: Params },
): Promise<AuthenticatedClient> {
  const { authorization, params } = input;
  const basic = authorization !== null && /^basic /i.test(authorization);
  if (authorization !== null && !basic && params.client_secret !== undefined)
    throw new OAuthError("invalid_request", "Unsupported Authorization header at the token endpoint.");

  if (params.client_assertion !== undefined || params.client_assertion_type !== undefined)
    throw new OAuthError("invalid_client", "Client assertions (private_key_jwt) are not enabled for this client.");

  let clientId = params.client_id;
  let secret = params.client_secret;
  let method: AuthMethod = secret !== undefined ? "client_secret_post" : "none";
  if (basic) {
    if (params.client_secret !== undefined)
      throw new OAuthError("invalid_request", "Use only one client authentication method (Basic header or client_secret in the body).");
    const credentials = decodeBasic(authorization!);
    if (clientId !== undefined && clientId !== credentials.clientId)
      throw new OAuthError("invalid_request", "client_id does not match the Basic credentials.");
    clientId = credentials.clientId;
    secret = credentials.secret;
    method = "client_secret_basic";
  }
  if (!clientId) throw new OAuthError("invalid_request", "Missing required parameter: client_id");

  const client = await findClientForAuthentication(db, clientId);
  if (method === "none") {
    if (!client) throw failed(false);
    if (client.token_endpoint_auth_method !== "none") throw failed(false);
  } else if (!secretMatches(secret!, client?.client_secret_hash ?? null) || !client) {
    throw failed(basic);
  }
  const { client_secret_hash: _hash, ...rest } = client;
  return { ...rest, auth_method: method };
}
