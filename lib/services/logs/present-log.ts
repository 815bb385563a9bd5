// A log_events row in Auth0's Log shape (auth0-management-api.md §9.1).
//
// Auth0 log events are documents that carry only the properties an event has (a `sapi` event has
// no connection, a client-credentials exchange no user), and clients test for presence, so empty
// columns are left out rather than sent as null. Always present: date, type, description (the OAS
// types it string|null), log_id and isMobile (false unless recorded otherwise). Properties Auth0
// has and Gatehouse does not record (location_info, security_context, organization_*) are absent.
import type { Db } from "../../db/client.ts";

export type LogEventRow = Awaited<ReturnType<Db["logEvent"]["findFirstOrThrow"]>>;

const OPTIONAL_TEXT_FIELDS = [
  "connection",
  "connection_id",
  "client_id",
  "client_name",
  "ip",
  "hostname",
  "user_id",
  "user_name",
  "audience",
  "scope",
  "strategy",
  "strategy_type",
] as const;

export function presentLog(row: LogEventRow): Record<string, unknown> {
  const log: Record<string, unknown> = { date: row.date.toISOString(), type: row.type, description: row.description };
  for (const field of OPTIONAL_TEXT_FIELDS) {
    const value = row[field];
    if (value !== null) log[field] = value;
  }
  log.log_id = row.log_id;
  log.isMobile = row.is_mobile ?? false;
  if (row.details !== null) log.details = row.details;
  if (row.user_agent !== null) log.user_agent = row.user_agent;
  return log;
}
