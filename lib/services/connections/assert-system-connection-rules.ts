// The operators' connection (`gatehouse-operators`, is_system) signs people in to the dashboard,
// where they hold the keys to every account. Through the API it may be read and tuned, but never
// opened up: no public signup, no third-party (domain-level) use, and it is enabled for no
// application (only Gatehouse's own dashboard client will be, by Gatehouse itself).
import { invalid } from "../errors.ts";
import type { ConnectionRow } from "./present-connection.ts";

export function assertSystemConnectionRules(
  row: ConnectionRow,
  change: { options?: Record<string, unknown>; is_domain_connection?: boolean; enableClients?: readonly string[] },
): void {
  if (!row.is_system) return;
  if (change.options && change.options.disable_signup !== true)
    throw invalid(`The ${row.name} connection must keep options.disable_signup set to true: operators are created by operators, never by signing up.`);
  if (change.is_domain_connection === true)
    throw invalid(`The ${row.name} connection cannot be a domain connection: third-party applications must never sign operators in.`);
  if (change.enableClients && change.enableClients.length > 0)
    throw invalid(`The ${row.name} connection cannot be enabled for applications through the API: only Gatehouse's own dashboard uses it.`, "operation_not_supported");
}
