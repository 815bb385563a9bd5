// The operators' connection (`gatehouse-operators`, is_system) signs people in to the dashboard,
// where they hold the keys to every account. Through the API it may be read and tuned, but never
// opened up: no public signup, no third-party (domain-level) use, enabled for no application but
// Gatehouse's own (is_system) clients — the dashboard — and never taken away from those (that would
// lock every operator out until the next restart re-links it).
import type { DbOrTx } from "../../db/client.ts";
import { invalid } from "../errors.ts";
import type { ConnectionRow } from "./present-connection.ts";

export async function assertSystemConnectionRules(
  db: DbOrTx,
  row: ConnectionRow,
  change: {
    options?: Record<string, unknown>;
    is_domain_connection?: boolean;
    /** Applications to enable (PATCH /clients), or the whole new list (`replace`: PATCH enabled_clients). */
    enableClients?: readonly string[];
    disableClients?: readonly string[];
    replace?: boolean;
  },
): Promise<void> {
  if (!row.is_system) return;
  if (change.options && change.options.disable_signup !== true)
    throw invalid(`The ${row.name} connection must keep options.disable_signup set to true: operators are created by operators, never by signing up.`);
  if (change.is_domain_connection === true)
    throw invalid(`The ${row.name} connection cannot be a domain connection: third-party applications must never sign operators in.`);
  if (!change.enableClients && !change.disableClients) return;
  const systemClients = new Set((await db.client.findMany({ where: { is_system: true }, select: { client_id: true } })).map((c) => c.client_id));
  if ((change.enableClients ?? []).some((id) => !systemClients.has(id)))
    throw invalid(`The ${row.name} connection cannot be enabled for applications through the API: only Gatehouse's own dashboard uses it.`, "operation_not_supported");
  const removed = change.replace ? [...systemClients].filter((id) => !change.enableClients!.includes(id)) : (change.disableClients ?? []).filter((id) => systemClients.has(id));
  if (removed.length)
    throw invalid(`The ${row.name} connection cannot be disabled for Gatehouse's own dashboard: operators sign in through it.`, "operation_not_supported");
}
