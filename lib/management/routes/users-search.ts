// GET /api/v2/users: list or search users (auth0-management-api.md §3.1, §4; SDK contract in
// notes/auth0-config-endpoints.md §0.6, §10). The search itself is lib/services/users/search-users.ts.
//
// Paging, two modes:
// - Offset (Auth0's): `page` (0-based), `per_page` (default 50, max 100), `include_totals`
//   (envelope {start, limit, length, total, users}; a bare array otherwise). Auth0 only lets a
//   search reach its first 1,000 results and answers 400 invalid_paging beyond; Gatehouse keeps
//   that rule for page/per_page, so clients written for Auth0 behave the same (and deep offsets,
//   which cost the database the whole skipped prefix, stay bounded). `total` is the true count.
// - Checkpoint (a Gatehouse extension, as on Auth0's other list endpoints): `take` (default 50, max
//   100) and `from` = the previous page's `next`. Answers {users, next?}; walks a result of any size
//   in stable order, with the same sort and q on every request.
//
// `search_engine`: absent means v3 (§4.1); v1 and v2 are refused with Auth0's messages.
// `connection` (Auth0: v1 only) is honoured as a filter on the users' identities.
// `primary_order` is accepted and ignored: the order is always deterministic.
import { z } from "zod";
import { parseUserSort, searchUsers, type SearchUsersInput } from "../../services/users/search-users.ts";
import { ManagementApiError } from "../errors.ts";
import { defineOperation } from "../operation.ts";
import { checkpointQuery, offsetEnvelope, offsetQuery, offsetWindow, project, projectionQuery } from "../paging.ts";
import { queryBoolean } from "../validation.ts";

/** Auth0's reach for page/per_page (§3.1, §4.8). */
export const MAX_OFFSET_RESULTS = 1000;
const DEFAULT_TAKE = 50;

const listUsersQuery = z.object({
  ...offsetQuery,
  ...checkpointQuery,
  ...projectionQuery,
  q: z.string().optional(),
  search_engine: z.enum(["v1", "v2", "v3"]).optional(),
  sort: z.string().max(128).optional(),
  connection: z.string().min(1).max(128).optional(),
  primary_order: queryBoolean.optional(),
});

export const listUsersOperation = defineOperation({
  method: "GET",
  path: "/users",
  summary: "List or search users",
  scopes: ["read:users"],
  query: listUsersQuery,
  successStatus: 200,
  async handler({ db, caller, query }) {
    if (query.search_engine === "v1") throw new ManagementApiError(400, "You are not allowed to use search_engine=v1.", "invalid_query_string");
    if (query.search_engine === "v2") {
      throw new ManagementApiError(400, "You are not allowed to use search_engine=v2. Use search_engine=v3 instead.", "invalid_query_string");
    }
    const sort = query.sort === undefined ? undefined : parseUserSort(query.sort);
    const base = { q: query.q, connection: query.connection, sort };
    const projectAll = (users: Record<string, unknown>[]) => users.map((user) => project(user, query.fields, query.include_fields));

    if (query.from !== undefined || query.take !== undefined) {
      const page: SearchUsersInput["page"] = { mode: "checkpoint", from: query.from, take: query.take ?? DEFAULT_TAKE };
      const result = await searchUsers(db, { ...base, page }, caller);
      return { status: 200, body: { users: projectAll(result.users), ...(result.next ? { next: result.next } : {}) } };
    }

    const window = offsetWindow(query);
    if (window.skip + window.perPage > MAX_OFFSET_RESULTS) {
      throw new ManagementApiError(
        400,
        `Requesting page exceeds the allowed maximum of ${MAX_OFFSET_RESULTS} records. Use checkpoint paging (take, then from=<next>) to read further.`,
        "invalid_paging",
      );
    }
    const result = await searchUsers(
      db,
      { ...base, page: { mode: "offset", skip: window.skip, take: window.take }, withTotal: query.include_totals },
      caller,
    );
    return {
      status: 200,
      body: offsetEnvelope("users", projectAll(result.users), window, result.total, { includeTotals: query.include_totals, withLength: true }),
    };
  },
});
