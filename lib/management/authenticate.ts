// Verifies the Management API bearer token (auth0-management-api.md §8, §12 "Auth"): an access
// token Gatehouse issued for the Management API audience (lib/oidc/tokens/verify-access-token.ts:
// RSA only, our keys, our issuer, not expired). Failures are 401 with Auth0's messages.
import type { Db } from "../db/client.ts";
import { env } from "../env.ts";
import { managementApiIdentifier } from "../boot/bootstrap.ts";
import { InvalidAccessTokenError, verifyAccessToken } from "../oidc/tokens/verify-access-token.ts";
import type { Actor } from "../services/actor.ts";
import { unauthorized } from "./errors.ts";

export type ManagementCaller = Extract<Actor, { kind: "client" }> & { tokenId: string | undefined };

export async function authenticateManagementRequest(db: Db, authorization: string | null): Promise<ManagementCaller> {
  if (!authorization) throw unauthorized("Missing authentication");
  const match = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/i.exec(authorization.trim());
  if (!match) throw unauthorized("Bad HTTP authentication header format");
  let payload;
  try {
    payload = await verifyAccessToken(db, match[1]!, managementApiIdentifier(env().issuer));
  } catch (error) {
    if (error instanceof InvalidAccessTokenError) throw unauthorized(error.message);
    throw error;
  }
  const scopes = typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : [];
  const clientId = typeof payload.azp === "string" ? payload.azp : typeof payload.client_id === "string" ? payload.client_id : payload.sub!;
  return { kind: "client", clientId, scopes: new Set(scopes), subject: payload.sub!, tokenId: payload.jti };
}
