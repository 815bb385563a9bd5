// Signs Gatehouse's JWTs: with the tenant's current RSA key (RS256 by default, RS512 or PS256 when
// an API asks), or with an API's own secret for HS256 APIs.
import { SignJWT, type JWTPayload } from "jose";
import type { Db } from "../../db/client.ts";
import { keyStore, RSA_ALGORITHMS, type RsaAlgorithm } from "../keys/key-store.ts";

export type SigningAlgorithm = RsaAlgorithm | "HS256";

export async function signJwt(
  db: Db,
  payload: JWTPayload,
  options: { alg: SigningAlgorithm; typ?: string; hmacSecret?: Uint8Array },
): Promise<string> {
  const typ = options.typ ?? "JWT";
  if (options.alg === "HS256") {
    if (!options.hmacSecret) throw new Error("HS256 needs a secret");
    return new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ }).sign(options.hmacSecret);
  }
  if (!(RSA_ALGORITHMS as readonly string[]).includes(options.alg)) throw new Error(`Unsupported signing algorithm ${options.alg}`);
  const { kid, key } = await keyStore(db).signingKey(options.alg);
  return new SignJWT(payload).setProtectedHeader({ alg: options.alg, typ, kid }).sign(key);
}
