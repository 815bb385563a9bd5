// Creates a tenant signing key: RSA 2048, which signs RS256 (the default, and the algorithm
// Auth0's SDKs expect), RS512 and PS256. The kid is the key's RFC 7638 thumbprint.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { encryptSecret } from "../../crypto/encryption.ts";

export type NewSigningKey = { kid: string; alg: "RS256"; public_jwk: JWK; private_jwk_encrypted: string };

export async function generateSigningKey(): Promise<NewSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    alg: "RS256",
    public_jwk: { kty: publicJwk.kty, n: publicJwk.n, e: publicJwk.e },
    private_jwk_encrypted: await encryptSecret(JSON.stringify(privateJwk), "signing-keys"),
  };
}
