// Creates a tenant signing key: RSA 2048, which signs RS256 (the default, and the algorithm
// Auth0's SDKs expect), RS512 and PS256. The kid is the key's RFC 7638 thumbprint.
//
// Like Auth0, each key comes with a self-signed X.509 certificate (published as x5c/x5t in the
// JWKS) for libraries that verify with a certificate; its CN is the issuer's host.
import { createPrivateKey, createPublicKey } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { encryptSecret } from "../../crypto/encryption.ts";
import { createSelfSignedCertificate } from "../../crypto/self-signed-certificate.ts";
import { env } from "../../env.ts";

export type NewSigningKey = { kid: string; alg: "RS256"; public_jwk: JWK; private_jwk_encrypted: string; cert: string };

/** RFC 5280 Appendix A (ub-common-name). The CN is informational only: nobody matches it to a host. */
const MAX_COMMON_NAME_LENGTH = 64;

export async function generateSigningKey(): Promise<NewSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const { pem } = createSelfSignedCertificate({
    publicKey: createPublicKey({ key: publicJwk, format: "jwk" }),
    privateKey: createPrivateKey({ key: privateJwk, format: "jwk" }),
    commonName: new URL(env().issuer).hostname.slice(0, MAX_COMMON_NAME_LENGTH),
  });
  return {
    kid,
    alg: "RS256",
    public_jwk: { kty: publicJwk.kty, n: publicJwk.n, e: publicJwk.e },
    private_jwk_encrypted: await encryptSecret(JSON.stringify(privateJwk), "signing-keys"),
    cert: pem,
  };
}
