// Reads one API by its id or by its identifier (the audience), as Auth0's `{id}` path accepts both.
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { notFound } from "../errors.ts";
import { presentResourceServer, type ResourceServerRow } from "./present-resource-server.ts";
import { actorMaySeeSigningSecrets, revealSigningSecret } from "./reveal-signing-secret.ts";

export const resourceServerNotFound = () => notFound("The resource server does not exist.", "inexistent_resource_server");

/** An id match wins over an identifier match (an identifier may look like another API's id). */
export async function findResourceServerRow(db: DbOrTx, idOrIdentifier: string): Promise<ResourceServerRow | null> {
  return (
    (await db.resourceServer.findUnique({ where: { id: idOrIdentifier } })) ??
    (await db.resourceServer.findUnique({ where: { identifier: idOrIdentifier } }))
  );
}

export async function getResourceServerRowOrThrow(db: DbOrTx, idOrIdentifier: string): Promise<ResourceServerRow> {
  const row = await findResourceServerRow(db, idOrIdentifier);
  if (!row) throw resourceServerNotFound();
  return row;
}

export async function getResourceServer(
  db: DbOrTx,
  idOrIdentifier: string,
  actor: Actor,
): Promise<{ resourceServer: Record<string, unknown>; secretsRead: boolean }> {
  const row = await getResourceServerRowOrThrow(db, idOrIdentifier);
  const secret = actorMaySeeSigningSecrets(actor) ? await revealSigningSecret(db, row) : undefined;
  return { resourceServer: presentResourceServer(row, secret), secretsRead: secret !== undefined };
}
