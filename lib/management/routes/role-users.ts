// /api/v2/roles/{id}/users (auth0-management-api.md §3.14; auth0-config-endpoints.md §11): the
// role's users, in both paging modes SDKs use — checkpoint (`from`/`take`, SDK v7 sends `take=50`
// with include_totals=true → { users, next? }) and offset (`page`/`per_page`, include_totals →
// { start, limit, total, users }, else a bare array) — and assigning the role to users (200, no body).
import { z } from "zod";
import { roleUsersSchema } from "../../schemas/users.ts";
import { assignRoleUsers } from "../../services/users/assign-role-users.ts";
import { listRoleUsers } from "../../services/users/list-role-users.ts";
import { defineOperation } from "../operation.ts";
import { checkpointQuery, listBody, listPage, offsetQuery } from "../paging.ts";

const roleIdParams = z.object({
  id: z.string().min(1).max(128).regex(/^[^\u0000-\u001f\u007f]+$/, "Must not contain control characters"),
});

export const listRoleUsersOperation = defineOperation({
  method: "GET",
  path: "/roles/{id}/users",
  summary: "Get a role's users",
  scopes: ["read:users", "read:roles"],
  scopeMode: "all",
  params: roleIdParams,
  query: z.object({ ...offsetQuery, ...checkpointQuery }),
  successStatus: 200,
  async handler({ db, caller, params, query }) {
    const page = listPage(query);
    const result = await listRoleUsers(db, params.id, { skip: page.skip, after: page.after, take: page.fetch, withTotal: page.withTotal }, caller);
    const body = listBody("users", page, result.rows, result.users, (row) => row.user_id, result.total, query);
    return { status: 200, body };
  },
});

export const assignRoleUsersOperation = defineOperation({
  method: "POST",
  path: "/roles/{id}/users",
  summary: "Assign users to a role",
  scopes: ["update:roles", "create:role_members"],
  params: roleIdParams,
  body: roleUsersSchema,
  successStatus: 200,
  async handler({ db, caller, params, body }) {
    await assignRoleUsers(db, params.id, body.users, caller);
    return { status: 200 };
  },
});
