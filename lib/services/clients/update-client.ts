// Updates an application (PATCH semantics: top-level properties given replace the stored ones).
// Setting client_secret needs update:client_keys; the new secret is hashed and encrypted.
import type { Db } from "../../db/client.ts";
import { toJson } from "../../db/json.ts";
import { encryptSecret } from "../../crypto/encryption.ts";
import { sha256Hex } from "../../crypto/random.ts";
import type { ClientUpdateInput } from "../../schemas/clients.ts";
import { actorHasScope, type Actor } from "../actor.ts";
import { AppError, invalid } from "../errors.ts";
import { getClientRowOrThrow } from "./get-client.ts";
import { DEFAULT_JWT_CONFIGURATION, DEFAULT_REFRESH_TOKEN, presentClient } from "./present-client.ts";
import { revealClientSecrets } from "./reveal-client-secrets.ts";
import { splitClientInput } from "./split-client-input.ts";

/** Gatehouse's own applications (the dashboard) are configured by Gatehouse at every start. */
export const MANAGED_BY_GATEHOUSE = "This application is managed by Gatehouse and cannot be changed through the API.";

export async function updateClient(db: Db, clientId: string, input: ClientUpdateInput, actor: Actor): Promise<Record<string, unknown>> {
  const existing = await getClientRowOrThrow(db, clientId);
  if (existing.is_system) throw invalid(MANAGED_BY_GATEHOUSE, "operation_not_supported");
  const { client_secret: secret, ...rest } = input;
  if (secret !== undefined && !actorHasScope(actor, "update:client_keys"))
    throw new AppError("forbidden", "Insufficient scope, expected any of: update:client_keys", "insufficient_scope");
  if (rest.token_endpoint_auth_method === null)
    throw invalid("token_endpoint_auth_method cannot be null: client_authentication_methods (private_key_jwt) are not supported yet.");

  const { columns, extra } = splitClientInput(rest);
  const data: Record<string, unknown> = { ...columns };
  if (rest.jwt_configuration) data.jwt_configuration = toJson({ ...DEFAULT_JWT_CONFIGURATION, ...rest.jwt_configuration });
  if (rest.refresh_token !== undefined) data.refresh_token = toJson({ ...DEFAULT_REFRESH_TOKEN, ...(rest.refresh_token ?? {}) });
  if (Object.keys(extra).length) data.extra = toJson({ ...((existing.extra as object | null) ?? {}), ...extra });
  if (secret !== undefined) {
    data.client_secret_hash = sha256Hex(secret);
    data.client_secret_encrypted = await encryptSecret(secret, "client-secrets");
  }
  const row = await db.client.update({ where: { client_id: clientId }, data: data as never });
  const showSecret = actorHasScope(actor, "read:client_keys");
  return presentClient(row, showSecret ? (secret ?? (await revealClientSecrets(db, [clientId])).get(clientId)) : undefined);
}
