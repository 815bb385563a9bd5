// Encryption at rest for secrets Gatehouse must be able to read back (signing keys, client
// secrets for display and HS256): compact JWE, `dir` + A256GCM, with a per-purpose key derived
// from the master secret. The purpose is also bound into the protected header.
import { CompactEncrypt, compactDecrypt } from "jose";
import { derivedKey, type KeyPurpose } from "./master-key.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function encryptSecret(plaintext: string, purpose: KeyPurpose): Promise<string> {
  return new CompactEncrypt(encoder.encode(plaintext))
    .setProtectedHeader({ alg: "dir", enc: "A256GCM", purpose })
    .encrypt(derivedKey(purpose));
}

export class SecretDecryptionError extends Error {
  override name = "SecretDecryptionError";
}

export async function decryptSecret(jwe: string, purpose: KeyPurpose): Promise<string> {
  try {
    const { plaintext, protectedHeader } = await compactDecrypt(jwe, derivedKey(purpose), {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    });
    if (protectedHeader.purpose !== purpose) throw new Error("purpose mismatch");
    return decoder.decode(plaintext);
  } catch (e) {
    throw new SecretDecryptionError(
      "Could not decrypt a stored secret: GATEHOUSE_SECRET is not the secret this database was set up with.",
      { cause: e },
    );
  }
}
