// GDPR operations, Gatehouse extensions (x-gatehouse-extension in the OpenAPI document; Auth0 has
// neither): one call exports everything held about a user (access and portability, art. 15/20),
// one call erases the user (art. 17). Services: lib/services/users/export-user-data.ts and
// erase-user.ts.
import { exportUserData } from "../../services/users/export-user-data.ts";
import { eraseUser } from "../../services/users/erase-user.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { defineOperation } from "../operation.ts";
import { userIdParams } from "./users.ts";

export const exportUserDataOperation = defineOperation({
  method: "GET",
  path: "/users/{id}/export",
  summary: "Export all data held about a user (Gatehouse extension: GDPR access and portability)",
  scopes: ["read:users"],
  params: userIdParams,
  extension: true,
  successStatus: 200,
  async handler({ db, caller, params, request }) {
    const body = await exportUserData(db, params.id, caller);
    // A read of personal data in bulk: on the record (reads are otherwise not logged).
    await writeLogEvent(db, {
      type: "mgmt_api_read",
      description: "User data exported",
      client_id: caller.clientId,
      user_id: params.id,
      details: { request: { method: "GET", path: new URL(request.url).pathname }, export: { format: body.format, version: body.version } },
    });
    return { status: 200, body };
  },
});

export const eraseUserOperation = defineOperation({
  method: "POST",
  path: "/users/{id}/erase",
  summary:
    "Erase a user (Gatehouse extension: GDPR erasure). Deletes the user as DELETE /users/{id} does, removes what a deletion leaves (emails, codes, login transactions, counters) and pseudonymizes the user id in the log events kept for security; 204, also for an unknown id",
  scopes: ["delete:users"],
  params: userIdParams,
  extension: true,
  successStatus: 204,
  async handler({ db, caller, params }) {
    await eraseUser(db, params.id, caller);
    return { status: 204 };
  },
});
