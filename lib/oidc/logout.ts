// Logout (auth0-authentication.md Part 7). Both endpoints end the SSO session for every
// application, and redirect only to a URL on an allow-list: otherwise they would be open
// redirectors. A URL that is not allowed renders the error page instead.
//
// GET /v2/logout: `returnTo` must be in the application's Allowed Logout URLs when `client_id` is
// given, else in the tenant's.
// GET|POST /oidc/logout (OpenID Connect RP-Initiated Logout 1.0): `id_token_hint` (an ID token we
// issued; expired ones are accepted, as the spec allows) and/or `logout_hint` (the sid) and/or
// `client_id`; `post_logout_redirect_uri` with `state`. Without any hint the user confirms first.
import { compactVerify, decodeJwt, decodeProtectedHeader } from "jose";
import type { Db } from "../db/client.ts";
import { findEncryptedClientSecrets } from "../db/secrets.ts";
import { decryptSecret } from "../crypto/encryption.ts";
import { env } from "../env.ts";
import { writeLogEvent } from "../logs/write-log-event.ts";
import { keyStore, RSA_ALGORITHMS, type RsaAlgorithm } from "./keys/key-store.ts";
import { matchesLogoutUrl, matchesPostLogoutRedirect } from "./redirect-uri.ts";
import type { Params } from "./request-params.ts";
import { endSession, findActiveSession } from "./sessions/sessions.ts";

export class LogoutError extends Error {
  override name = "LogoutError";
  constructor(readonly error: string, readonly description: string) {
    super(description);
  }
}

export type LogoutOutcome =
  | { kind: "redirect"; location: string }
  | { kind: "logged_out" }
  | { kind: "confirm"; clientName: string | null };

async function logoutUrlsFor(db: Db, clientId: string | undefined): Promise<{ urls: string[]; clientName: string | null }> {
  if (clientId) {
    const client = await db.client.findUnique({ where: { client_id: clientId }, select: { allowed_logout_urls: true, name: true } });
    if (!client) throw new LogoutError("invalid_request", "Unknown client_id.");
    return { urls: client.allowed_logout_urls as string[], clientName: client.name };
  }
  const tenant = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { allowed_logout_urls: true } });
  return { urls: (tenant?.allowed_logout_urls as string[] | undefined) ?? [], clientName: null };
}

async function end(db: Db, sessionCookie: string | undefined, clientId: string | undefined): Promise<void> {
  const session = await findActiveSession(db, sessionCookie);
  if (!session) return;
  await endSession(db, session.id);
  await writeLogEvent(db, { type: "slo", user_id: session.user_id, client_id: clientId ?? null, details: { sid: session.id } });
}

export async function v2Logout(db: Db, input: { params: Params; sessionCookie?: string }): Promise<LogoutOutcome> {
  const { returnTo, client_id: clientId } = input.params;
  let location: string | undefined;
  if (returnTo) {
    const { urls } = await logoutUrlsFor(db, clientId);
    if (!matchesLogoutUrl(returnTo, urls))
      throw new LogoutError("invalid_request", `The "returnTo" querystring parameter "${returnTo}" is not defined as a valid URL in "Allowed Logout URLs".`);
    location = returnTo;
  } else if (clientId) {
    await logoutUrlsFor(db, clientId);
  }
  await end(db, input.sessionCookie, clientId);
  return location ? { kind: "redirect", location } : { kind: "logged_out" };
}

/** Verifies an ID token we issued, ignoring its expiry. Returns its claims. */
async function verifyIdTokenHint(db: Db, token: string): Promise<Record<string, unknown>> {
  try {
    const header = decodeProtectedHeader(token);
    const claims = decodeJwt(token) as Record<string, unknown>;
    if (header.alg === "HS256") {
      const aud = typeof claims.aud === "string" ? claims.aud : undefined;
      const encrypted = aud ? (await findEncryptedClientSecrets(db, [aud])).get(aud) : undefined;
      if (!encrypted) throw new Error("no secret");
      await compactVerify(token, new TextEncoder().encode(await decryptSecret(encrypted, "client-secrets")), { algorithms: ["HS256"] });
    } else {
      if (typeof header.alg !== "string" || !(RSA_ALGORITHMS as readonly string[]).includes(header.alg) || typeof header.kid !== "string") throw new Error("alg");
      const key = await keyStore(db).verificationKey(header.kid, header.alg as RsaAlgorithm);
      if (!key) throw new Error("unknown key");
      await compactVerify(token, key, { algorithms: [header.alg] });
    }
    if (claims.iss !== env().issuer) throw new Error("issuer");
    return claims;
  } catch {
    throw new LogoutError("invalid_request", "The id_token_hint is not a valid ID token issued by this server.");
  }
}

export async function oidcLogout(db: Db, input: { params: Params; sessionCookie?: string; confirmed?: boolean }): Promise<LogoutOutcome> {
  const { id_token_hint: hint, logout_hint: logoutHint, post_logout_redirect_uri: redirect, state } = input.params;
  let clientId = input.params.client_id;
  let sid: string | undefined;
  if (hint) {
    const claims = await verifyIdTokenHint(db, hint);
    const aud = Array.isArray(claims.aud) ? (claims.aud[0] as string) : (claims.aud as string);
    if (clientId && clientId !== aud) throw new LogoutError("invalid_request", "client_id does not match the audience of id_token_hint.");
    clientId = aud;
    sid = typeof claims.sid === "string" ? claims.sid : undefined;
    if (logoutHint && sid && logoutHint !== sid) throw new LogoutError("invalid_request", "logout_hint does not match the sid of id_token_hint.");
  }
  sid ??= logoutHint;

  const { urls, clientName } = await logoutUrlsFor(db, clientId);
  let location: string | undefined;
  if (redirect) {
    if (!matchesPostLogoutRedirect(redirect, urls))
      throw new LogoutError("invalid_request", `The "post_logout_redirect_uri" "${redirect}" is not defined as a valid URL in "Allowed Logout URLs".`);
    location = redirect;
  } else if (clientId && urls[0] && !urls[0].includes("*")) {
    location = urls[0];
  }

  const session = await findActiveSession(db, input.sessionCookie);
  if (session && sid && session.id !== sid) throw new LogoutError("invalid_request", "The logout request does not match the current session.");
  // Without a hint nothing proves the request comes from the user's application: ask first.
  if (!hint && !logoutHint && session && !input.confirmed) return { kind: "confirm", clientName };

  await end(db, input.sessionCookie, clientId);
  if (!location) return { kind: "logged_out" };
  const url = new URL(location);
  if (state) url.searchParams.set("state", state);
  return { kind: "redirect", location: url.toString() };
}
