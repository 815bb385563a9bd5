// Decrypts the secrets of the given clients: only for callers Auth0 shows secrets to (holders of
// read:client_keys, operators). Every call site logs the read (mgmt_api_read).
import type { DbOrTx } from "../../db/client.ts";
import { findEncryptedClientSecrets } from "../../db/secrets.ts";
import { decryptSecret } from "../../crypto/encryption.ts";

export async function revealClientSecrets(db: DbOrTx, clientIds: string[]): Promise<Map<string, string>> {
  const encrypted = await findEncryptedClientSecrets(db, clientIds);
  const out = new Map<string, string>();
  await Promise.all(
    [...encrypted].map(async ([clientId, jwe]) => {
      out.set(clientId, await decryptSecret(jwe, "client-secrets"));
    }),
  );
  return out;
}
