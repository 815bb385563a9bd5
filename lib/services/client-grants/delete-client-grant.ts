// Revokes a client's authorization for an API. It takes effect at the next token request (the
// client-credentials grant reads the grant every time); tokens already issued stay valid until they
// expire, as access tokens cannot be revoked (auth0-management-api.md §8.1).
import type { Db } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { clientGrantNotFound } from "./get-client-grant.ts";

export async function deleteClientGrant(db: Db, id: string, _actor: Actor): Promise<void> {
  const { count } = await db.clientGrant.deleteMany({ where: { id } });
  if (count === 0) throw clientGrantNotFound();
}
