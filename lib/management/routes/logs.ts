// /api/v2/logs: Auth0's tenant log endpoints (auth0-management-api.md §9.3; SDK contract in
// notes/auth0-config-endpoints.md §6).
//
// GET /logs has two modes:
// - search (default): `q` (SDK v4) or `search` (SDK v5+), `sort` (date only), `page`/`per_page`
//   (default 50, max 100), `fields`/`include_fields`, `include_totals` (envelope
//   {start, limit, length, total, logs}; a bare array otherwise). No 1000-result cap.
// - checkpoint: `from` (a log_id) and/or `take` (default 50, max 100). As in Auth0 every other
//   parameter is ignored, the answer is a bare array in log_id order, and the next page's URL is in
//   `Link: <...>; rel="next"`; an empty page links to the same checkpoint again, so an exporter
//   just keeps following the link. Without `from`, reading starts at the oldest event.
import { z } from "zod";
import { env } from "../../env.ts";
import { getLog } from "../../services/logs/get-log.ts";
import { listLogs } from "../../services/logs/list-logs.ts";
import { listLogsAfterCheckpoint } from "../../services/logs/list-logs-after-checkpoint.ts";
import { invalidQuery } from "../errors.ts";
import { defineOperation } from "../operation.ts";
import { offsetEnvelope, offsetQuery, offsetWindow, project, projectionQuery } from "../paging.ts";
import { queryInteger } from "../validation.ts";

const LOG_SCOPES = ["read:logs", "read:logs_users"] as const;
const DEFAULT_TAKE = 50;

const listLogsQuery = z.object({
  ...offsetQuery,
  ...projectionQuery,
  sort: z
    .string()
    .regex(/^date:(1|-1)$/, "Logs can only be sorted by date: use date:1 or date:-1")
    .transform((value) => (value === "date:1" ? "asc" : "desc") as "asc" | "desc")
    .optional(),
  q: z.string().optional(),
  search: z.string().optional(),
  from: z.string().regex(/^\d{1,64}$/, "Expected a log_id").optional(),
  take: queryInteger(1, 100).optional(),
});

/** `q` and `search` are one parameter under two names (SDK v4 and v5+): either, or both if equal. */
function searchText(query: { q?: string; search?: string }): string | undefined {
  if (query.q !== undefined && query.search !== undefined && query.q !== query.search) {
    throw invalidQuery("Query validation error: 'q' and 'search' are the same parameter; send only one of them.");
  }
  return query.q ?? query.search;
}

function nextLink(from: string | undefined, take: number): string {
  const url = new URL("/api/v2/logs", env().origin);
  if (from !== undefined) url.searchParams.set("from", from);
  url.searchParams.set("take", String(take));
  return `<${url.href}>; rel="next"`;
}

export const listLogsOperation = defineOperation({
  method: "GET",
  path: "/logs",
  summary: "Search log events",
  scopes: LOG_SCOPES,
  query: listLogsQuery,
  successStatus: 200,
  async handler({ db, caller, query }) {
    if (query.from !== undefined || query.take !== undefined) {
      const take = query.take ?? DEFAULT_TAKE;
      const page = await listLogsAfterCheckpoint(db, { from: query.from, take }, caller);
      return { status: 200, body: page.logs, headers: { link: nextLink(page.next, take) } };
    }
    const window = offsetWindow(query);
    const result = await listLogs(
      db,
      { q: searchText(query), order: query.sort, skip: window.skip, take: window.take, withTotal: query.include_totals },
      caller,
    );
    const logs = result.logs.map((log) => project(log, query.fields, query.include_fields));
    return {
      status: 200,
      body: offsetEnvelope("logs", logs, window, result.total, { includeTotals: query.include_totals, withLength: true }),
    };
  },
});

export const getLogOperation = defineOperation({
  method: "GET",
  path: "/logs/{id}",
  summary: "Get a log event by its id",
  scopes: LOG_SCOPES,
  params: z.object({ id: z.string().min(1).max(256) }),
  successStatus: 200,
  async handler({ db, caller, params }) {
    return { status: 200, body: await getLog(db, params.id, caller) };
  },
});
