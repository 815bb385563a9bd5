// /api/v2/users/{id}/identities (auth0-management-api.md §3.10): link (201, the primary's
// identities) and unlink /identities/{provider}/{user_id} (200, the remaining identities).
import { z } from "zod";
import { linkIdentitySchema, userIdSchema } from "../../schemas/users.ts";
import { linkUserIdentity } from "../../services/users/link-user-identity.ts";
import { unlinkUserIdentity } from "../../services/users/unlink-user-identity.ts";
import { defineOperation } from "../operation.ts";
import { userIdParams } from "./users.ts";

const IDENTITY_SCOPES = ["update:users", "update:current_user_identities"] as const;

export const linkUserIdentityOperation = defineOperation({
  method: "POST",
  path: "/users/{id}/identities",
  summary: "Link a user account",
  scopes: IDENTITY_SCOPES,
  params: userIdParams,
  body: linkIdentitySchema,
  successStatus: 201,
  async handler({ db, caller, params, body }) {
    return { status: 201, body: await linkUserIdentity(db, params.id, body, caller) };
  },
});

export const unlinkUserIdentityOperation = defineOperation({
  method: "DELETE",
  path: "/users/{id}/identities/{provider}/{user_id}",
  summary: "Unlink a user identity",
  scopes: IDENTITY_SCOPES,
  params: z.object({ id: userIdSchema, provider: z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, "Expected an identity provider"), user_id: userIdSchema }),
  successStatus: 200,
  async handler({ db, caller, params }) {
    return { status: 200, body: await unlinkUserIdentity(db, params.id, params.provider, params.user_id, caller) };
  },
});
