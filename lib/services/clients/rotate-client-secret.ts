// Replaces an application's secret with a new random one (64 alphanumerics). The old secret stops
// working at once.
import type { Db } from "../../db/client.ts";
import { encryptSecret } from "../../crypto/encryption.ts";
import { newClientSecret } from "../../crypto/ids.ts";
import { sha256Hex } from "../../crypto/random.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { getClientRowOrThrow } from "./get-client.ts";
import { MANAGED_BY_GATEHOUSE } from "./update-client.ts";
import { presentClient } from "./present-client.ts";

export async function rotateClientSecret(db: Db, clientId: string, _actor: Actor): Promise<Record<string, unknown>> {
  if ((await getClientRowOrThrow(db, clientId)).is_system) throw invalid(MANAGED_BY_GATEHOUSE, "operation_not_supported");
  const secret = newClientSecret();
  const row = await db.client.update({
    where: { client_id: clientId },
    data: { client_secret_hash: sha256Hex(secret), client_secret_encrypted: await encryptSecret(secret, "client-secrets") },
  });
  return presentClient(row, secret);
}
