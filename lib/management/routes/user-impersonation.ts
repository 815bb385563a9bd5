// Impersonation (Gatehouse extension; lib/services/impersonation/README.md): sign in to an
// application as a user, with a reason and a time box. Auth0 deprecated its own
// `POST /users/{id}/impersonate`; this is Gatehouse's, marked as an extension in the OpenAPI doc.
import { z } from "zod";
import { impersonationStartSchema } from "../../schemas/impersonation.ts";
import { userIdSchema } from "../../schemas/users.ts";
import { endImpersonation } from "../../services/impersonation/end-impersonation.ts";
import { listImpersonations } from "../../services/impersonation/list-impersonations.ts";
import { startImpersonation } from "../../services/impersonation/start-impersonation.ts";
import { defineOperation } from "../operation.ts";

export const impersonateUserOperation = defineOperation({
  method: "POST",
  path: "/users/{id}/impersonate",
  summary:
    "Impersonate a user (Gatehouse extension): returns a one-time login link (valid 5 minutes) that signs in to the application as the user and redirects to its callback with an authorization code. Tokens carry an RFC 8693 `act` claim naming the caller and expire with the time box (`expires_in`, default 900 s).",
  scopes: ["impersonate:users"],
  params: z.object({ id: userIdSchema }),
  body: impersonationStartSchema,
  extension: true,
  successStatus: 200,
  async handler({ db, caller, params, body }) {
    const started = await startImpersonation(db, params.id, body, caller);
    return { status: 200, body: started, logBody: { ...started, login_url: "[redacted]" } };
  },
});

export const listUserImpersonationsOperation = defineOperation({
  method: "GET",
  path: "/users/{id}/impersonations",
  summary: "List a user's impersonations, newest first (Gatehouse extension).",
  scopes: ["read:users"],
  params: z.object({ id: userIdSchema }),
  extension: true,
  successStatus: 200,
  async handler({ db, params }) {
    return { status: 200, body: await listImpersonations(db, params.id) };
  },
});

export const endImpersonationOperation = defineOperation({
  method: "POST",
  path: "/impersonations/{id}/end",
  summary: "End an impersonation before its time box (Gatehouse extension): its session ends and its refresh tokens are revoked.",
  scopes: ["impersonate:users"],
  params: z.object({ id: z.string().regex(/^imp_[A-Za-z0-9]{16}$/, "Not an impersonation id") }),
  extension: true,
  successStatus: 200,
  async handler({ db, caller, params }) {
    return { status: 200, body: await endImpersonation(db, params.id, caller) };
  },
});
