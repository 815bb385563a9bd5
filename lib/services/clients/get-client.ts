import type { DbOrTx } from "../../db/client.ts";
import { actorHasScope, type Actor } from "../actor.ts";
import { notFound } from "../errors.ts";
import { presentClient, type ClientRow } from "./present-client.ts";
import { revealClientSecrets } from "./reveal-client-secrets.ts";

export async function getClientRowOrThrow(db: DbOrTx, clientId: string): Promise<ClientRow> {
  const row = await db.client.findUnique({ where: { client_id: clientId } });
  if (!row) throw notFound("The client does not exist", "inexistent_client");
  return row;
}

/** The application as the actor may see it: with its secret only for holders of read:client_keys. */
export async function getClient(db: DbOrTx, clientId: string, actor: Actor): Promise<{ client: Record<string, unknown>; secretsRead: boolean }> {
  const row = await getClientRowOrThrow(db, clientId);
  const showSecret = actorHasScope(actor, "read:client_keys");
  const secret = showSecret ? (await revealClientSecrets(db, [clientId])).get(clientId) : undefined;
  return { client: presentClient(row, secret), secretsRead: showSecret };
}
