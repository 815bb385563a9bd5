// Lists applications, newest last, with Auth0's filters. Offset paging (page/per_page) or
// checkpoint paging (from/take), as the caller asks.
import type { Db, Prisma } from "../../db/client.ts";
import { actorHasScope, type Actor } from "../actor.ts";
import { presentClient, type ClientRow } from "./present-client.ts";
import { revealClientSecrets } from "./reveal-client-secrets.ts";

export type ListClientsInput = {
  app_type?: string[];
  is_first_party?: boolean;
  is_global?: boolean;
  client_ids?: string[];
  skip?: number;
  take: number;
  /** Checkpoint: return clients after this client_id. */
  after?: string;
  withTotal?: boolean;
};

export async function listClients(
  db: Db,
  input: ListClientsInput,
  actor: Actor,
): Promise<{ clients: Record<string, unknown>[]; rows: ClientRow[]; total?: number; secretsRead: boolean }> {
  // There is no global ("All Applications") client in Gatehouse.
  if (input.is_global === true) return { clients: [], rows: [], total: 0, secretsRead: false };
  const where: Prisma.ClientWhereInput = {
    ...(input.app_type?.length ? { app_type: { in: input.app_type } } : {}),
    ...(input.is_first_party !== undefined ? { is_first_party: input.is_first_party } : {}),
    ...(input.client_ids?.length ? { client_id: { in: input.client_ids } } : {}),
  };
  const checkpoint = input.after !== undefined || input.skip === undefined;
  const rows = await db.client.findMany({
    where: input.after ? { ...where, client_id: { gt: input.after, ...(input.client_ids?.length ? { in: input.client_ids } : {}) } } : where,
    orderBy: checkpoint ? { client_id: "asc" } : [{ created_at: "asc" }, { client_id: "asc" }],
    skip: checkpoint ? undefined : input.skip,
    take: input.take,
  });
  const total = input.withTotal ? await db.client.count({ where }) : undefined;
  const showSecrets = actorHasScope(actor, "read:client_keys");
  const secrets = showSecrets ? await revealClientSecrets(db, rows.map((r) => r.client_id)) : new Map<string, string>();
  return { clients: rows.map((r) => presentClient(r, secrets.get(r.client_id))), rows, total, secretsRead: showSecrets && rows.length > 0 };
}
