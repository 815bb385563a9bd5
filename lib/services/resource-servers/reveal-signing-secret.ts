// Decrypts an HS256 API's signing secret, for the callers Auth0 shows it to: holders of
// read:resource_servers (Auth0 has no separate key scope for APIs) and operators. Every call site
// reports the read, so the Management wrapper logs it as mgmt_api_read.
import type { DbOrTx } from "../../db/client.ts";
import { findResourceServerWithSigningSecret } from "../../db/secrets.ts";
import { decryptSecret } from "../../crypto/encryption.ts";
import { randomAlphanumeric } from "../../crypto/random.ts";
import { actorHasScope, type Actor } from "../actor.ts";
import type { ResourceServerRow } from "./present-resource-server.ts";

export const SIGNING_SECRET_SCOPE = "read:resource_servers";

export function actorMaySeeSigningSecrets(actor: Actor): boolean {
  return actorHasScope(actor, SIGNING_SECRET_SCOPE);
}

/** 64 alphanumerics (about 381 bits): well above RFC 7518 §3.2's 256-bit floor for HS256. */
export const newSigningSecret = () => randomAlphanumeric(64);

export async function revealSigningSecret(db: DbOrTx, row: Pick<ResourceServerRow, "identifier" | "signing_alg">): Promise<string | undefined> {
  if (row.signing_alg !== "HS256") return undefined;
  const stored = await findResourceServerWithSigningSecret(db, row.identifier);
  if (!stored?.signing_secret_encrypted) return undefined;
  return decryptSecret(stored.signing_secret_encrypted, "resource-server-secrets");
}
