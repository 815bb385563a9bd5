// /api/v2/user-blocks (auth0-management-api.md §3.11; SDK contract in auth0-config-endpoints.md §9):
// brute-force blocks by identifier (query `identifier`) and by user id. GET answers
// { blocked_for: [...] }; DELETE answers 204. An unknown user id is a 404; an identifier nobody is
// blocked under is an empty list (or a no-op delete).
import { z } from "zod";
import { userIdSchema } from "../../schemas/users.ts";
import { clearUserBlocks, clearUserBlocksByIdentifier } from "../../services/users/clear-user-blocks.ts";
import { listUserBlocks, listUserBlocksByIdentifier } from "../../services/users/list-user-blocks.ts";
import { defineOperation } from "../operation.ts";
import { queryBoolean } from "../validation.ts";

/** Username, phone number or email. */
const identifierSchema = z.string().min(1).max(320).regex(/^[^\u0000-\u001f\u007f]+$/, "Must not contain control characters");

export const listUserBlocksByIdentifierOperation = defineOperation({
  method: "GET",
  path: "/user-blocks",
  summary: "Get blocks by identifier",
  scopes: ["read:users"],
  query: z.object({ identifier: identifierSchema, consider_brute_force_enablement: queryBoolean.optional() }),
  successStatus: 200,
  async handler({ db, caller, query }) {
    const body = await listUserBlocksByIdentifier(db, query.identifier, { considerBruteForceEnablement: query.consider_brute_force_enablement }, caller);
    return { status: 200, body };
  },
});

export const clearUserBlocksByIdentifierOperation = defineOperation({
  method: "DELETE",
  path: "/user-blocks",
  summary: "Unblock by identifier",
  scopes: ["update:users"],
  query: z.object({ identifier: identifierSchema }),
  successStatus: 204,
  async handler({ db, caller, query }) {
    await clearUserBlocksByIdentifier(db, query.identifier, caller);
    return { status: 204 };
  },
});

export const listUserBlocksOperation = defineOperation({
  method: "GET",
  path: "/user-blocks/{id}",
  summary: "Get a user's blocks",
  scopes: ["read:users"],
  params: z.object({ id: userIdSchema }),
  query: z.object({ consider_brute_force_enablement: queryBoolean.optional() }),
  successStatus: 200,
  async handler({ db, caller, params, query }) {
    return { status: 200, body: await listUserBlocks(db, params.id, { considerBruteForceEnablement: query.consider_brute_force_enablement }, caller) };
  },
});

export const clearUserBlocksOperation = defineOperation({
  method: "DELETE",
  path: "/user-blocks/{id}",
  summary: "Unblock a user",
  scopes: ["update:users"],
  params: z.object({ id: userIdSchema }),
  successStatus: 204,
  async handler({ db, caller, params }) {
    await clearUserBlocks(db, params.id, caller);
    return { status: 204 };
  },
});
