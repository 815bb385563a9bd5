import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { notFound } from "../errors.ts";
import { presentClientGrant, type ClientGrantRow } from "./present-client-grant.ts";

export const clientGrantNotFound = () => notFound("The client grant does not exist.", "inexistent_client_grant");

export async function getClientGrantRowOrThrow(db: DbOrTx, id: string): Promise<ClientGrantRow> {
  const row = await db.clientGrant.findUnique({ where: { id } });
  if (!row) throw clientGrantNotFound();
  return row;
}

export async function getClientGrant(db: DbOrTx, id: string, _actor: Actor): Promise<Record<string, unknown>> {
  return presentClientGrant(await getClientGrantRowOrThrow(db, id));
}
