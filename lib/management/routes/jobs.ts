// /api/v2/jobs (auth0-management-api.md §3.13, §5, §6): users imports (multipart, streamed to
// disk), users exports, verification emails, job status and per-record errors. The work itself
// runs in the background job runner (lib/jobs).
import { jobIdParamsSchema, usersExportSchema, verificationEmailJobSchema } from "../../schemas/jobs.ts";
import { createUsersExportJob } from "../../services/jobs/create-users-export-job.ts";
import { createUsersImportJob } from "../../services/jobs/create-users-import-job.ts";
import { createVerificationEmailJob } from "../../services/jobs/create-verification-email-job.ts";
import { cancelJob } from "../../services/jobs/cancel-job.ts";
import { getJob } from "../../services/jobs/get-job.ts";
import { listJobErrors } from "../../services/jobs/list-job-errors.ts";
import { defineOperation } from "../operation.ts";

export const createUsersImportJobOperation = defineOperation({
  method: "POST",
  path: "/jobs/users-imports",
  summary: "Create import users job",
  scopes: ["create:users"],
  successStatus: 202,
  async handler({ db, request }) {
    return { status: 202, body: await createUsersImportJob(db, request) };
  },
});

export const createUsersExportJobOperation = defineOperation({
  method: "POST",
  path: "/jobs/users-exports",
  summary: "Create export users job",
  scopes: ["read:users"],
  body: usersExportSchema,
  successStatus: 200,
  async handler({ db, body, caller }) {
    return { status: 200, body: await createUsersExportJob(db, body, caller) };
  },
});

export const createVerificationEmailJobOperation = defineOperation({
  method: "POST",
  path: "/jobs/verification-email",
  summary: "Send an email address verification email",
  scopes: ["update:users"],
  body: verificationEmailJobSchema,
  successStatus: 201,
  async handler({ db, body }) {
    return { status: 201, body: await createVerificationEmailJob(db, body) };
  },
});

export const getJobOperation = defineOperation({
  method: "GET",
  path: "/jobs/{id}",
  summary: "Get a job",
  scopes: ["create:users", "read:users"],
  params: jobIdParamsSchema,
  successStatus: 200,
  async handler({ db, params, caller }) {
    return { status: 200, body: await getJob(db, params.id, caller.scopes) };
  },
});

export const getJobErrorsOperation = defineOperation({
  method: "GET",
  path: "/jobs/{id}/errors",
  summary: "Get job error details",
  scopes: ["create:users", "read:users"],
  params: jobIdParamsSchema,
  successStatus: 200,
  async handler({ db, params }) {
    const errors = await listJobErrors(db, params.id);
    return errors === null ? { status: 204 } : { status: 200, body: errors };
  },
});

// A pending job never starts; a processing one stops at its next batch (the batch in flight rolls
// back, committed batches stay). 409 once the job has ended (services/jobs/cancel-job.ts).
export const cancelJobOperation = defineOperation({
  method: "POST",
  path: "/jobs/{id}/cancel",
  summary: "Cancel a job (Gatehouse extension)",
  extension: true,
  scopes: ["create:users", "read:users"],
  params: jobIdParamsSchema,
  successStatus: 200,
  async handler({ db, params, caller }) {
    await cancelJob(db, params.id, caller);
    return { status: 200, body: await getJob(db, params.id, caller.scopes) };
  },
});
