// Lists connections with Auth0's filters, in either paging mode: offset (page/per_page, oldest
// first) or checkpoint (from/take, by id). List items never carry `enabled_clients`.
import type { DbOrTx, Prisma } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { presentConnection, type ConnectionRow } from "./present-connection.ts";

export type ListConnectionsInput = {
  strategy?: string[];
  name?: string;
  /** Only connections enabled for this application (GET /clients/{id}/connections). */
  enabledForClientId?: string;
  /** Offset paging; absent means checkpoint paging. */
  skip?: number;
  take: number;
  /** Checkpoint: connections after this id. */
  after?: string;
  withTotal?: boolean;
};

export async function listConnections(
  db: DbOrTx,
  input: ListConnectionsInput,
  _actor: Actor,
): Promise<{ connections: Record<string, unknown>[]; rows: ConnectionRow[]; total?: number }> {
  const where: Prisma.ConnectionWhereInput = {
    ...(input.strategy?.length ? { strategy: { in: input.strategy } } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.enabledForClientId !== undefined ? { clients: { some: { client_id: input.enabledForClientId } } } : {}),
  };
  const checkpoint = input.skip === undefined;
  const rows = await db.connection.findMany({
    where: input.after !== undefined ? { ...where, id: { gt: input.after } } : where,
    orderBy: checkpoint ? { id: "asc" } : [{ created_at: "asc" }, { id: "asc" }],
    skip: checkpoint ? undefined : input.skip,
    take: input.take,
  });
  const total = input.withTotal ? await db.connection.count({ where }) : undefined;
  return { connections: rows.map((r) => presentConnection(r)), rows, total };
}
