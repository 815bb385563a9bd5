// Creates an application. The secret is generated (64 alphanumerics) unless a caller with the
// right to choose it passes one (bootstrap automation); it is stored as a SHA-256 hash for
// verification and encrypted for display to callers holding read:client_keys.
import type { Db, DbOrTx } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { toJson } from "../../db/json.ts";
import { encryptSecret } from "../../crypto/encryption.ts";
import { newClientId, newClientSecret } from "../../crypto/ids.ts";
import { sha256Hex } from "../../crypto/random.ts";
import type { ClientCreateInput } from "../../schemas/clients.ts";
import type { Actor } from "../actor.ts";
import { conflict } from "../errors.ts";
import { clientDefaults } from "./client-defaults.ts";
import { DEFAULT_JWT_CONFIGURATION, DEFAULT_REFRESH_TOKEN, presentClient, type ClientRow } from "./present-client.ts";
import { splitClientInput } from "./split-client-input.ts";

export type PreparedClient = { data: Record<string, unknown>; clientId: string; secret: string };

/** Validation-free preparation (the body was validated by its schema): defaults, secret, encryption. */
export async function prepareClient(input: ClientCreateInput, options: { clientId?: string; clientSecret?: string } = {}): Promise<PreparedClient> {
  const { columns, extra } = splitClientInput(input);
  const defaults = clientDefaults(input.app_type);
  const secret = options.clientSecret ?? newClientSecret();
  const clientId = options.clientId ?? newClientId();
  return {
    clientId,
    secret,
    data: {
      ...columns,
      client_id: clientId,
      name: input.name,
      app_type: input.app_type ?? null,
      callbacks: input.callbacks ?? [],
      allowed_origins: input.allowed_origins ?? [],
      web_origins: input.web_origins ?? [],
      allowed_clients: input.allowed_clients ?? [],
      allowed_logout_urls: input.allowed_logout_urls ?? [],
      grant_types: input.grant_types ?? defaults.grant_types,
      token_endpoint_auth_method: input.token_endpoint_auth_method ?? defaults.token_endpoint_auth_method,
      jwt_configuration: toJson({ ...DEFAULT_JWT_CONFIGURATION, ...input.jwt_configuration }),
      refresh_token: toJson({ ...DEFAULT_REFRESH_TOKEN, ...input.refresh_token }),
      client_metadata: input.client_metadata ?? {},
      client_secret_hash: sha256Hex(secret),
      client_secret_encrypted: await encryptSecret(secret, "client-secrets"),
      extra: Object.keys(extra).length ? toJson(extra) : undefined,
    },
  };
}

export async function insertClient(tx: DbOrTx, prepared: PreparedClient): Promise<ClientRow> {
  try {
    const created = await tx.client.create({ data: prepared.data as never });
    // Auth0's tenant flag enable_client_connections (default on): a new application is enabled
    // on every connection, except Gatehouse's own operators' connection.
    const tenant = await tx.tenantSettings.findUnique({ where: { id: 1 }, select: { flags: true } });
    if ((tenant?.flags as Record<string, unknown> | undefined)?.enable_client_connections !== false) {
      const connections = await tx.connection.findMany({ where: { is_system: false }, select: { id: true } });
      if (connections.length)
        await tx.connectionClient.createMany({ data: connections.map((c) => ({ connection_id: c.id, client_id: prepared.clientId })) });
    }
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A client with client_id ${prepared.clientId} already exists.`, "client_exists");
    throw error;
  }
}

export async function createClient(
  db: Db,
  input: ClientCreateInput,
  _actor: Actor,
  options: { clientId?: string; clientSecret?: string } = {},
): Promise<{ client: ClientRow; secret: string; response: Record<string, unknown> }> {
  const prepared = await prepareClient(input, options);
  const client = await db.$transaction((tx) => insertClient(tx, prepared));
  return { client, secret: prepared.secret, response: presentClient(client, prepared.secret) };
}
