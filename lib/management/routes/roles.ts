// /api/v2/roles: Auth0's Roles endpoints (RBAC), except /roles/{id}/users (the users feature).
// Status codes are Auth0's (OAS): create 200, delete 200 with no body, add permissions 201 and
// remove permissions 200, both with no body.
import { z } from "zod";
import { roleCreateSchema, rolePermissionsSchema, roleUpdateSchema } from "../../schemas/roles.ts";
import { addRolePermissions } from "../../services/roles/add-role-permissions.ts";
import { createRole } from "../../services/roles/create-role.ts";
import { deleteRole } from "../../services/roles/delete-role.ts";
import { getRole } from "../../services/roles/get-role.ts";
import { listRolePermissions } from "../../services/roles/list-role-permissions.ts";
import { listRoles } from "../../services/roles/list-roles.ts";
import { removeRolePermissions } from "../../services/roles/remove-role-permissions.ts";
import { updateRole } from "../../services/roles/update-role.ts";
import { defineOperation } from "../operation.ts";
import { offsetEnvelope, offsetQuery, offsetWindow } from "../paging.ts";

// Unknown ids are a 404; control characters (PostgreSQL cannot even compare a NUL) are a 400.
const roleIdParams = z.object({
  id: z.string().min(1).max(128).regex(/^[^\u0000-\u001f\u007f]+$/, "Must not contain control characters"),
});

export const listRolesOperation = defineOperation({
  method: "GET",
  path: "/roles",
  summary: "Get roles",
  scopes: ["read:roles"],
  query: z.object({
    ...offsetQuery,
    name_filter: z.string().max(1024).optional(),
    type: z.enum(["tenant", "organization"]).optional(),
    owner_id: z.string().max(128).optional(),
  }),
  successStatus: 200,
  async handler({ db, caller, query }) {
    const window = offsetWindow(query);
    const { roles, total } = await listRoles(
      db,
      { nameFilter: query.name_filter, type: query.type, ownerId: query.owner_id, skip: window.skip, take: window.take },
      caller,
    );
    return { status: 200, body: offsetEnvelope("roles", roles, window, total, { includeTotals: query.include_totals }) };
  },
});

export const createRoleOperation = defineOperation({
  method: "POST",
  path: "/roles",
  summary: "Create a role",
  scopes: ["create:roles"],
  body: roleCreateSchema,
  successStatus: 200,
  async handler({ db, caller, body }) {
    return { status: 200, body: await createRole(db, body, caller) };
  },
});

export const getRoleOperation = defineOperation({
  method: "GET",
  path: "/roles/{id}",
  summary: "Get a role",
  scopes: ["read:roles"],
  params: roleIdParams,
  successStatus: 200,
  async handler({ db, caller, params }) {
    return { status: 200, body: await getRole(db, params.id, caller) };
  },
});

export const updateRoleOperation = defineOperation({
  method: "PATCH",
  path: "/roles/{id}",
  summary: "Update a role",
  scopes: ["update:roles"],
  params: roleIdParams,
  body: roleUpdateSchema,
  successStatus: 200,
  async handler({ db, caller, params, body }) {
    return { status: 200, body: await updateRole(db, params.id, body, caller) };
  },
});

export const deleteRoleOperation = defineOperation({
  method: "DELETE",
  path: "/roles/{id}",
  summary: "Delete a role",
  scopes: ["delete:roles"],
  params: roleIdParams,
  successStatus: 200,
  async handler({ db, caller, params }) {
    await deleteRole(db, params.id, caller);
    return { status: 200 };
  },
});

export const listRolePermissionsOperation = defineOperation({
  method: "GET",
  path: "/roles/{id}/permissions",
  summary: "Get permissions granted by role",
  scopes: ["read:roles"],
  params: roleIdParams,
  query: z.object({ ...offsetQuery }),
  successStatus: 200,
  async handler({ db, caller, params, query }) {
    const window = offsetWindow(query);
    const { permissions, total } = await listRolePermissions(db, params.id, window, caller);
    return { status: 200, body: offsetEnvelope("permissions", permissions, window, total, { includeTotals: query.include_totals }) };
  },
});

export const addRolePermissionsOperation = defineOperation({
  method: "POST",
  path: "/roles/{id}/permissions",
  summary: "Associate permissions with a role",
  scopes: ["update:roles"],
  params: roleIdParams,
  body: rolePermissionsSchema,
  successStatus: 201,
  async handler({ db, caller, params, body }) {
    await addRolePermissions(db, params.id, body, caller);
    return { status: 201 };
  },
});

export const removeRolePermissionsOperation = defineOperation({
  method: "DELETE",
  path: "/roles/{id}/permissions",
  summary: "Remove permissions from a role",
  scopes: ["update:roles"],
  params: roleIdParams,
  body: rolePermissionsSchema,
  successStatus: 200,
  async handler({ db, caller, params, body }) {
    await removeRolePermissions(db, params.id, body, caller);
    return { status: 200 };
  },
});
