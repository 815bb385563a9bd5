// Verifies the Management API bearer token (auth0-management-api.md §8, §12 "Auth"): a JWT signed
// by one of Gatehouse's published keys with an RSA algorithm, issued by this issuer, for the
// Management API audience, not expired. Everything else is 401 with Auth0's messages: a missing
// token, `alg: none`, HS256 (no shared secret may mint Management tokens), a foreign or revoked
// key, a wrong audience or issuer.
import { decodeProtectedHeader, jwtVerify, errors as joseErrors } from "jose";
import type { Db } from "../db/client.ts";
import { env } from "../env.ts";
import { keyStore, RSA_ALGORITHMS, type RsaAlgorithm } from "../oidc/keys/key-store.ts";
import { managementApiIdentifier } from "../boot/bootstrap.ts";
import type { Actor } from "../services/actor.ts";
import { unauthorized } from "./errors.ts";

/** Clock skew tolerated between instances, seconds. */
const CLOCK_TOLERANCE = 30;

export type ManagementCaller = Extract<Actor, { kind: "client" }> & { tokenId: string | undefined };

export async function authenticateManagementRequest(db: Db, authorization: string | null): Promise<ManagementCaller> {
  if (!authorization) throw unauthorized("Missing authentication");
  const match = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/i.exec(authorization.trim());
  if (!match) throw unauthorized("Bad HTTP authentication header format");
  const token = match[1]!;

  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw unauthorized("Invalid token");
  }
  if (typeof header.alg !== "string" || !(RSA_ALGORITHMS as readonly string[]).includes(header.alg))
    throw unauthorized(`Invalid token: algorithm ${String(header.alg)} is not accepted.`);
  if (typeof header.kid !== "string") throw unauthorized("Invalid token: no key id.");
  const key = await keyStore(db).verificationKey(header.kid, header.alg as RsaAlgorithm);
  if (!key) throw unauthorized("Invalid signature received for JSON Web Token validation.");

  const config = env();
  const audience = managementApiIdentifier(config.issuer);
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [header.alg],
      issuer: config.issuer,
      clockTolerance: CLOCK_TOLERANCE,
      requiredClaims: ["exp", "sub"],
    });
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes(audience)) throw unauthorized(`Bad audience: ${audiences.join(" ")}`);
    const scopes = typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : [];
    const clientId = typeof payload.azp === "string" ? payload.azp : typeof payload.client_id === "string" ? payload.client_id : payload.sub!;
    return { kind: "client", clientId, scopes: new Set(scopes), subject: payload.sub!, tokenId: payload.jti };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthorized("Expired token received for JSON Web Token validation");
    if (error instanceof joseErrors.JWSSignatureVerificationFailed)
      throw unauthorized("Invalid signature received for JSON Web Token validation.");
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      if (error.claim === "iss") throw unauthorized(`Bad issuer: ${String(error.payload.iss)}`);
      throw unauthorized(`Invalid token: ${error.message}`);
    }
    if (error instanceof Error && error.name === "ManagementApiError") throw error;
    throw unauthorized("Invalid token");
  }
}
