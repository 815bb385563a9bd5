// GET /api/v2/users/{id}/logs (auth0-management-api.md §3.9): the user's log events, newest first
// by default (`sort=date:1` for oldest first), `page`/`per_page` (default 50, max 100),
// `include_totals` → { start, limit, length, total, logs }. Served by the (user_id, date) index.
// No 404 for an unknown id: events outlive deleted users (their personal data detached), and the
// trail of a deleted account stays readable.
import { z } from "zod";
import { listLogs } from "../../services/logs/list-logs.ts";
import { defineOperation } from "../operation.ts";
import { offsetEnvelope, offsetQuery, offsetWindow } from "../paging.ts";
import { userIdParams } from "./users.ts";

export const listUserLogsOperation = defineOperation({
  method: "GET",
  path: "/users/{id}/logs",
  summary: "Get a user's log events",
  scopes: ["read:logs", "read:logs_users"],
  params: userIdParams,
  query: z.object({
    ...offsetQuery,
    sort: z
      .string()
      .regex(/^date:(1|-1)$/, "Log events can only be sorted by date: use date:1 or date:-1")
      .transform((value) => (value === "date:1" ? "asc" : "desc") as "asc" | "desc")
      .optional(),
  }),
  successStatus: 200,
  async handler({ db, caller, params, query }) {
    const window = offsetWindow(query);
    const result = await listLogs(
      db,
      { userId: params.id, order: query.sort, skip: window.skip, take: window.take, withTotal: query.include_totals },
      caller,
    );
    return {
      status: 200,
      body: offsetEnvelope("logs", result.logs, window, result.total, { includeTotals: query.include_totals, withLength: true }),
    };
  },
});
