// /api/v2/users/{id}/roles (auth0-management-api.md §3.7): list (offset envelope `roles`), assign
// and remove (204, no body).
import { userRolesSchema } from "../../schemas/users.ts";
import { assignUserRoles } from "../../services/users/assign-user-roles.ts";
import { listUserRoles } from "../../services/users/list-user-roles.ts";
import { removeUserRoles } from "../../services/users/remove-user-roles.ts";
import { z } from "zod";
import { defineOperation } from "../operation.ts";
import { offsetEnvelope, offsetQuery, offsetWindow } from "../paging.ts";
import { userIdParams } from "./users.ts";

export const listUserRolesOperation = defineOperation({
  method: "GET",
  path: "/users/{id}/roles",
  summary: "Get a user's roles",
  scopes: ["read:users", "read:roles"],
  scopeMode: "all",
  params: userIdParams,
  query: z.object({ ...offsetQuery }),
  successStatus: 200,
  async handler({ db, caller, params, query }) {
    const window = offsetWindow(query);
    const { roles, total } = await listUserRoles(db, params.id, window, caller);
    return { status: 200, body: offsetEnvelope("roles", roles, window, total, { includeTotals: query.include_totals }) };
  },
});

export const assignUserRolesOperation = defineOperation({
  method: "POST",
  path: "/users/{id}/roles",
  summary: "Assign roles to a user",
  scopes: ["update:users", "create:role_members"],
  params: userIdParams,
  body: userRolesSchema,
  successStatus: 204,
  async handler({ db, caller, params, body }) {
    await assignUserRoles(db, params.id, body.roles, caller);
    return { status: 204 };
  },
});

export const removeUserRolesOperation = defineOperation({
  method: "DELETE",
  path: "/users/{id}/roles",
  summary: "Remove roles from a user",
  scopes: ["update:users", "delete:role_members"],
  params: userIdParams,
  body: userRolesSchema,
  successStatus: 204,
  async handler({ db, caller, params, body }) {
    await removeUserRoles(db, params.id, body.roles, caller);
    return { status: 204 };
  },
});
