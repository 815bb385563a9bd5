// Lists client grants with Auth0's filters. Checkpoint paging (from/take, by id) or offset paging
// (page/per_page, oldest first), as the caller asks.
import type { Db, Prisma } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { presentClientGrant, type ClientGrantRow } from "./present-client-grant.ts";

export type ListClientGrantsInput = {
  audience?: string;
  client_id?: string;
  allow_any_organization?: boolean;
  /** Every Gatehouse grant is a client grant: asking for another subject type finds none. */
  subject_type?: string;
  /** Default grants (default_for) do not exist in Gatehouse: asking for them finds none. */
  default_for?: string;
  skip?: number;
  take: number;
  /** Checkpoint: return grants after this id. */
  after?: string;
  withTotal?: boolean;
};

export async function listClientGrants(
  db: Db,
  input: ListClientGrantsInput,
  _actor: Actor,
): Promise<{ clientGrants: Record<string, unknown>[]; rows: ClientGrantRow[]; total?: number }> {
  if ((input.subject_type !== undefined && input.subject_type !== "client") || input.default_for !== undefined)
    return { clientGrants: [], rows: [], total: 0 };
  const where: Prisma.ClientGrantWhereInput = {
    ...(input.audience !== undefined ? { audience: input.audience } : {}),
    ...(input.client_id !== undefined ? { client_id: input.client_id } : {}),
    ...(input.allow_any_organization !== undefined ? { allow_any_organization: input.allow_any_organization } : {}),
  };
  const checkpoint = input.after !== undefined || input.skip === undefined;
  const rows = await db.clientGrant.findMany({
    where: input.after !== undefined ? { ...where, id: { gt: input.after } } : where,
    orderBy: checkpoint ? { id: "asc" } : [{ created_at: "asc" }, { id: "asc" }],
    skip: checkpoint ? undefined : input.skip,
    take: input.take,
  });
  const total = input.withTotal ? await db.clientGrant.count({ where }) : undefined;
  return { clientGrants: rows.map(presentClientGrant), rows, total };
}
