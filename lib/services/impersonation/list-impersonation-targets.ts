// The applications an operator can sign in to as this user (the dashboard's choice list): the
// same conditions startImpersonation checks, so the list offers nothing that would be refused.
import type { Db } from "../../db/client.ts";

export type ImpersonationTarget = { client_id: string; name: string; callbacks: string[] };

export async function listImpersonationTargets(db: Db, userId: string): Promise<ImpersonationTarget[]> {
  const user = await db.user.findUnique({ where: { user_id: userId }, select: { connection_id: true } });
  if (!user) return [];
  const clients = await db.client.findMany({
    where: { is_system: false, token_endpoint_auth_method: { not: "none" }, connections: { some: { connection_id: user.connection_id } } },
    select: { client_id: true, name: true, callbacks: true, grant_types: true },
    orderBy: [{ name: "asc" }, { client_id: "asc" }],
    take: 500,
  });
  return clients
    .filter((c) => (c.grant_types as string[]).includes("authorization_code") && (c.callbacks as string[]).length > 0)
    .map((c) => ({ client_id: c.client_id, name: c.name, callbacks: c.callbacks as string[] }));
}
