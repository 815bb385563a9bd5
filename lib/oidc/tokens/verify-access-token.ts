// Verifies an access token Gatehouse issued: RSA-signed by a published key (never `alg: none` or
// HS256), this issuer, not expired, for `audience`. Returns the payload, or throws
// InvalidAccessTokenError with the reason (which callers word in their own error family).
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import type { Db } from "../../db/client.ts";
import { env } from "../../env.ts";
import { keyStore, RSA_ALGORITHMS, type RsaAlgorithm } from "../keys/key-store.ts";

/** Clock skew tolerated between instances, seconds. */
const CLOCK_TOLERANCE = 30;

export class InvalidAccessTokenError extends Error {
  override name = "InvalidAccessTokenError";
  constructor(readonly reason: "malformed" | "algorithm" | "signature" | "expired" | "issuer" | "audience" | "claims", message: string) {
    super(message);
  }
}

export async function verifyAccessToken(db: Db, token: string, audience: string): Promise<JWTPayload> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new InvalidAccessTokenError("malformed", "Invalid token");
  }
  if (typeof header.alg !== "string" || !(RSA_ALGORITHMS as readonly string[]).includes(header.alg))
    throw new InvalidAccessTokenError("algorithm", `Invalid token: algorithm ${String(header.alg)} is not accepted.`);
  if (typeof header.kid !== "string") throw new InvalidAccessTokenError("malformed", "Invalid token: no key id.");
  const key = await keyStore(db).verificationKey(header.kid, header.alg as RsaAlgorithm);
  if (!key) throw new InvalidAccessTokenError("signature", "Invalid signature received for JSON Web Token validation.");
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [header.alg],
      issuer: env().issuer,
      clockTolerance: CLOCK_TOLERANCE,
      requiredClaims: ["exp", "sub"],
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new InvalidAccessTokenError("expired", "Expired token received for JSON Web Token validation");
    if (error instanceof joseErrors.JWSSignatureVerificationFailed)
      throw new InvalidAccessTokenError("signature", "Invalid signature received for JSON Web Token validation.");
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "iss")
      throw new InvalidAccessTokenError("issuer", `Bad issuer: ${String(error.payload.iss)}`);
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw new InvalidAccessTokenError("claims", `Invalid token: ${error.message}`);
    throw new InvalidAccessTokenError("malformed", "Invalid token");
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(audience)) throw new InvalidAccessTokenError("audience", `Bad audience: ${audiences.join(" ")}`);
  return payload;
}
