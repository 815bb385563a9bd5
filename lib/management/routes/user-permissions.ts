// /api/v2/users/{id}/permissions (auth0-management-api.md §3.8): list (offset envelope
// `permissions`, direct and role grants with `sources`), grant (201, no body), remove (204).
import { z } from "zod";
import { userPermissionsSchema } from "../../schemas/users.ts";
import { assignUserPermissions } from "../../services/users/assign-user-permissions.ts";
import { listUserPermissions } from "../../services/users/list-user-permissions.ts";
import { removeUserPermissions } from "../../services/users/remove-user-permissions.ts";
import { defineOperation } from "../operation.ts";
import { offsetEnvelope, offsetQuery, offsetWindow } from "../paging.ts";
import { userIdParams } from "./users.ts";

export const listUserPermissionsOperation = defineOperation({
  method: "GET",
  path: "/users/{id}/permissions",
  summary: "Get a user's permissions",
  scopes: ["read:users"],
  params: userIdParams,
  query: z.object({ ...offsetQuery }),
  successStatus: 200,
  async handler({ db, caller, params, query }) {
    const window = offsetWindow(query);
    const { permissions, total } = await listUserPermissions(db, params.id, window, caller);
    return { status: 200, body: offsetEnvelope("permissions", permissions, window, total, { includeTotals: query.include_totals }) };
  },
});

export const assignUserPermissionsOperation = defineOperation({
  method: "POST",
  path: "/users/{id}/permissions",
  summary: "Assign permissions to a user",
  scopes: ["update:users"],
  params: userIdParams,
  body: userPermissionsSchema,
  successStatus: 201,
  async handler({ db, caller, params, body }) {
    await assignUserPermissions(db, params.id, body, caller);
    return { status: 201 };
  },
});

export const removeUserPermissionsOperation = defineOperation({
  method: "DELETE",
  path: "/users/{id}/permissions",
  summary: "Remove permissions from a user",
  scopes: ["update:users"],
  params: userIdParams,
  body: userPermissionsSchema,
  successStatus: 204,
  async handler({ db, caller, params, body }) {
    await removeUserPermissions(db, params.id, body, caller);
    return { status: 204 };
  },
});
