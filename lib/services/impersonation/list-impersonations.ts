// Past and current impersonations of a user, newest first (the user's page in the dashboard).
import type { Db } from "../../db/client.ts";
import { presentImpersonation, type ImpersonationView } from "./present-impersonation.ts";
import { sweepExpiredImpersonations } from "./sweep-expired-impersonations.ts";

export async function listImpersonations(db: Db, userId: string, options: { take?: number } = {}): Promise<ImpersonationView[]> {
  await sweepExpiredImpersonations(db, { userId });
  const rows = await db.impersonation.findMany({ where: { user_id: userId }, orderBy: [{ created_at: "desc" }, { id: "desc" }], take: Math.min(options.take ?? 50, 200) });
  return rows.map(presentImpersonation);
}
