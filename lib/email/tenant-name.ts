// The name emails sign with: the tenant's friendly_name (Auth0's email template variable).
import type { DbOrTx } from "../db/client.ts";

export async function tenantName(db: DbOrTx): Promise<string> {
  const row = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { friendly_name: true } });
  return row?.friendly_name || "Gatehouse";
}
