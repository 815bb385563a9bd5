// Lists APIs, oldest first (the Management API, created at bootstrap, comes first), optionally only
// those with the given identifiers. Offset paging only, as Auth0's endpoint.
import type { Db, Prisma } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { presentResourceServer } from "./present-resource-server.ts";
import { actorMaySeeSigningSecrets, revealSigningSecret } from "./reveal-signing-secret.ts";

export type ListResourceServersInput = { identifiers?: string[]; skip: number; take: number; withTotal?: boolean };

export async function listResourceServers(
  db: Db,
  input: ListResourceServersInput,
  actor: Actor,
): Promise<{ resourceServers: Record<string, unknown>[]; total?: number; secretsRead: boolean }> {
  const where: Prisma.ResourceServerWhereInput = input.identifiers?.length ? { identifier: { in: input.identifiers } } : {};
  const rows = await db.resourceServer.findMany({ where, orderBy: [{ created_at: "asc" }, { id: "asc" }], skip: input.skip, take: input.take });
  const total = input.withTotal ? await db.resourceServer.count({ where }) : undefined;
  const showSecrets = actorMaySeeSigningSecrets(actor);
  let secretsRead = false;
  const resourceServers = await Promise.all(
    rows.map(async (row) => {
      const secret = showSecrets ? await revealSigningSecret(db, row) : undefined;
      if (secret !== undefined) secretsRead = true;
      return presentResourceServer(row, secret);
    }),
  );
  return { resourceServers, total, secretsRead };
}
