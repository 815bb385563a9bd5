// A user's second factors (lib/services/mfa/manage-user-mfa.ts), at Auth0's paths and scopes:
//   GET    /users/{id}/authentication-methods[/{authentication_method_id}]   read:authentication_methods
//   DELETE /users/{id}/authentication-methods[/{authentication_method_id}]   delete:authentication_methods
//   DELETE /users/{id}/authenticators                                         delete:guardian_enrollments
//   GET    /users/{id}/enrollments                                            read:users
//   DELETE /users/{id}/multifactor/{provider}  (google-authenticator: the OTP factor)   update:users
//   POST   /users/{id}/recovery-code-regeneration                             update:users
// Deleting everything is "reset MFA": the user enrolls again at the next login that asks for MFA.
import { z } from "zod";
import { userIdSchema } from "../../schemas/users.ts";
import {
  deleteAllUserAuthenticators,
  deleteUserAuthenticator,
  getUserAuthenticationMethod,
  listUserAuthenticationMethods,
  listUserEnrollments,
  regenerateRecoveryCode,
} from "../../services/mfa/manage-user-mfa.ts";
import { invalid } from "../../services/errors.ts";
import { defineOperation } from "../operation.ts";
import { offsetEnvelope, offsetQuery, offsetWindow } from "../paging.ts";
import { userIdParams } from "./users.ts";

const methodParams = z.object({ id: userIdSchema, authentication_method_id: z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, "Must be printable ASCII") });

export const listUserAuthenticationMethodsOperation = defineOperation({
  method: "GET",
  path: "/users/{id}/authentication-methods",
  summary: "Get a user's authentication methods",
  scopes: ["read:authentication_methods"],
  params: userIdParams,
  query: z.object({ ...offsetQuery }),
  successStatus: 200,
  async handler({ db, params, query }) {
    const window = offsetWindow(query);
    const { methods, total } = await listUserAuthenticationMethods(db, params.id, window);
    return { status: 200, body: offsetEnvelope("authenticators", methods, window, total, { includeTotals: query.include_totals }) };
  },
});

export const getUserAuthenticationMethodOperation = defineOperation({
  method: "GET",
  path: "/users/{id}/authentication-methods/{authentication_method_id}",
  summary: "Get an authentication method of a user",
  scopes: ["read:authentication_methods"],
  params: methodParams,
  successStatus: 200,
  async handler({ db, params }) {
    return { status: 200, body: await getUserAuthenticationMethod(db, params.id, params.authentication_method_id) };
  },
});

export const deleteUserAuthenticationMethodsOperation = defineOperation({
  method: "DELETE",
  path: "/users/{id}/authentication-methods",
  summary: "Delete all of a user's authentication methods",
  scopes: ["delete:authentication_methods"],
  params: userIdParams,
  successStatus: 204,
  async handler({ db, caller, params }) {
    await deleteAllUserAuthenticators(db, params.id, caller);
    return { status: 204 };
  },
});

export const deleteUserAuthenticationMethodOperation = defineOperation({
  method: "DELETE",
  path: "/users/{id}/authentication-methods/{authentication_method_id}",
  summary: "Delete an authentication method of a user",
  scopes: ["delete:authentication_methods"],
  params: methodParams,
  successStatus: 204,
  async handler({ db, caller, params }) {
    await deleteUserAuthenticator(db, params.id, params.authentication_method_id, caller);
    return { status: 204 };
  },
});

export const deleteUserAuthenticatorsOperation = defineOperation({
  method: "DELETE",
  path: "/users/{id}/authenticators",
  summary: "Delete all of a user's authenticators (reset MFA)",
  scopes: ["delete:guardian_enrollments"],
  params: userIdParams,
  successStatus: 204,
  async handler({ db, caller, params }) {
    await deleteAllUserAuthenticators(db, params.id, caller);
    return { status: 204 };
  },
});

export const listUserEnrollmentsOperation = defineOperation({
  method: "GET",
  path: "/users/{id}/enrollments",
  summary: "Get a user's Guardian enrollments",
  scopes: ["read:users"],
  params: userIdParams,
  successStatus: 200,
  async handler({ db, params }) {
    return { status: 200, body: await listUserEnrollments(db, params.id) };
  },
});

export const deleteUserMultifactorProviderOperation = defineOperation({
  method: "DELETE",
  path: "/users/{id}/multifactor/{provider}",
  summary: "Delete a user's multi-factor provider",
  scopes: ["update:users"],
  params: z.object({ id: userIdSchema, provider: z.enum(["duo", "google-authenticator"]) }),
  successStatus: 204,
  async handler({ db, caller, params }) {
    if (params.provider === "duo") throw invalid("Gatehouse has no Duo factor.", "invalid_uri");
    await deleteAllUserAuthenticators(db, params.id, caller);
    return { status: 204 };
  },
});

export const regenerateRecoveryCodeOperation = defineOperation({
  method: "POST",
  path: "/users/{id}/recovery-code-regeneration",
  summary: "Generate a new recovery code for a user",
  scopes: ["update:users"],
  params: userIdParams,
  successStatus: 200,
  async handler({ db, caller, params }) {
    const body = await regenerateRecoveryCode(db, params.id, caller);
    return { status: 200, body, logBody: { recovery_code: "[redacted]" } };
  },
});
