// /api/v2/users (create) and /api/v2/users/{id}, /api/v2/users-by-email: Auth0's Users endpoints
// (auth0-management-api.md §3.2-3.6). Listing and searching (GET /users) is in its own module.
// Status codes are Auth0's: create 201, update 200, delete 204 (also for an unknown user).
import { z } from "zod";
import { userCreateSchema, userIdSchema, userUpdateSchema } from "../../schemas/users.ts";
import { createUser } from "../../services/users/create-user.ts";
import { deleteUser } from "../../services/users/delete-user.ts";
import { getUser } from "../../services/users/get-user.ts";
import { listUsersByEmail } from "../../services/users/list-users-by-email.ts";
import { updateUser } from "../../services/users/update-user.ts";
import { defineOperation } from "../operation.ts";
import { project, projectionQuery } from "../paging.ts";

export const userIdParams = z.object({ id: userIdSchema });

export const createUserOperation = defineOperation({
  method: "POST",
  path: "/users",
  summary: "Create a user",
  scopes: ["create:users"],
  body: userCreateSchema,
  successStatus: 201,
  async handler({ db, caller, body }) {
    return { status: 201, body: await createUser(db, body, caller) };
  },
});

export const getUserOperation = defineOperation({
  method: "GET",
  path: "/users/{id}",
  summary: "Get a user",
  scopes: ["read:users", "read:current_user"],
  params: userIdParams,
  query: z.object({ ...projectionQuery }),
  successStatus: 200,
  async handler({ db, caller, params, query }) {
    return { status: 200, body: project(await getUser(db, params.id, caller), query.fields, query.include_fields) };
  },
});

export const updateUserOperation = defineOperation({
  method: "PATCH",
  path: "/users/{id}",
  summary: "Update a user",
  scopes: ["update:users", "update:users_app_metadata", "update:current_user_metadata"],
  params: userIdParams,
  body: userUpdateSchema,
  successStatus: 200,
  async handler({ db, caller, params, body }) {
    return { status: 200, body: await updateUser(db, params.id, body, caller) };
  },
});

export const deleteUserOperation = defineOperation({
  method: "DELETE",
  path: "/users/{id}",
  summary: "Delete a user",
  scopes: ["delete:users", "delete:current_user"],
  params: userIdParams,
  successStatus: 204,
  async handler({ db, caller, params }) {
    await deleteUser(db, params.id, caller);
    return { status: 204 };
  },
});

export const listUsersByEmailOperation = defineOperation({
  method: "GET",
  path: "/users-by-email",
  summary: "Search users by email",
  scopes: ["read:users"],
  query: z.object({ email: z.string().min(1).max(512), ...projectionQuery }),
  successStatus: 200,
  async handler({ db, caller, query }) {
    const users = await listUsersByEmail(db, query.email, caller);
    return { status: 200, body: users.map((user) => project(user, query.fields, query.include_fields)) };
  },
});
