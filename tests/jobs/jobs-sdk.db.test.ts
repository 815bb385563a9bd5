// The jobs API driven by the official `auth0` SDK, v4 (jobs.importUsers / get / getErrors /
// exportUsers / verifyEmail) and v7 (jobs.usersImports.create / get / errors.get /
// usersExports.create / verificationEmail.create): multipart encoding, status codes and
// response shapes are the SDKs' own, and so is the error a third concurrent import gets (429).
import { ManagementClient as ManagementClientV4 } from "auth0-v4";
import { Management as ManagementV7, ManagementClient as ManagementClientV7 } from "auth0-v7";
import { beforeAll, describe, expect, it } from "vitest";
import { appFetch, call } from "../helpers/app.ts";
import { connectionIdOf, download, ndjson, runJobs } from "../helpers/jobs.ts";
import { api, createUser, tag } from "../helpers/users.ts";
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_BOOTSTRAP_CLIENT_SECRET, TEST_DOMAIN } from "../setup/test-env.ts";
import bcrypt from "bcryptjs";

const options = { domain: TEST_DOMAIN, clientId: TEST_BOOTSTRAP_CLIENT_ID, clientSecret: TEST_BOOTSTRAP_CLIENT_SECRET, fetch: appFetch };
let connectionId: string;
let app: { client_id: string; client_secret: string };
const REALM = "http://auth0.com/oauth/grant-type/password-realm";
const PASSWORD = "Sdk-Imported-Passw0rd!";
const hash = bcrypt.hashSync(PASSWORD, 4);

beforeAll(async () => {
  connectionId = await connectionIdOf();
  app = (await api("POST", "/clients", { name: `jobs-sdk-${tag()}`, app_type: "regular_web", grant_types: ["password", REALM] })).body;
});

function file(t: string) {
  return JSON.stringify([{ email: `sdk1.${t}@example.com`, password_hash: hash, email_verified: true }, { email: `sdk2.${t}@example.com` }, { email: "broken" }]);
}

/** The imported user can log in with the password of the old system (password-realm grant). */
async function logsIn(email: string): Promise<number> {
  const response = await call("POST", "/oauth/token", {
    form: {
      grant_type: REALM,
      client_id: app.client_id,
      client_secret: app.client_secret,
      username: email,
      password: PASSWORD,
      realm: "Username-Password-Authentication",
      scope: "openid",
    },
  });
  return response.status;
}

describe("auth0 SDK v7 jobs", () => {
  const management = new ManagementClientV7(options);

  it("imports users, reads the job and its errors, exports, sends a verification email", async () => {
    const t = tag();
    const created = await management.jobs.usersImports.create({ users: new Blob([file(t)], { type: "application/json" }), connection_id: connectionId, upsert: false, external_id: `v7-${t}`, send_completion_email: false });
    expect(created).toMatchObject({ status: "pending", type: "users_import", connection_id: connectionId, external_id: `v7-${t}` });
    await runJobs();
    const job = await management.jobs.get(created.id);
    expect(job).toMatchObject({ status: "completed", summary: { inserted: 2, updated: 0, failed: 1, total: 3 } });
    const errors = await management.jobs.errors.get(created.id);
    expect(errors).toEqual([{ user: { email: "broken" }, errors: [{ code: "FORMAT", message: "Object didn't pass validation for format email: broken", path: "email" }] }]);
    expect(await logsIn(`sdk1.${t}@example.com`)).toBe(200);

    const exported = await management.jobs.usersExports.create({ connection_id: connectionId, format: "json", fields: [{ name: "email" }], limit: 2 });
    expect(exported).toMatchObject({ status: "pending", type: "users_export", format: "json", limit: 2 });
    await runJobs();
    const finished = await management.jobs.get(exported.id);
    expect(finished.status).toBe("completed");
    expect((await download(finished.location!)).text.trim().split("\n")).toHaveLength(2);

    const user = await createUser();
    const verification = await management.jobs.verificationEmail.create({ user_id: user.user_id as string });
    expect(verification).toMatchObject({ status: "completed", type: "verification_email" });
    await expect(management.jobs.get("job_AAAAAAAAAAAAAAAA")).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe("auth0 SDK v4 jobs", () => {
  const management = new ManagementClientV4(options);

  it("imports users (upsert), reads the job and its errors, exports, sends a verification email", async () => {
    const t = tag();
    const { data: created, status } = await management.jobs.importUsers({ users: new Blob([file(t)], { type: "application/json" }), connection_id: connectionId, upsert: true, external_id: `v4-${t}` });
    expect(status).toBe(202);
    expect(created).toMatchObject({ status: "pending", type: "users_import", connection_id: connectionId, external_id: `v4-${t}`, upsert: true });
    await runJobs();
    const { data: job } = await management.jobs.get({ id: created.id });
    expect(job).toMatchObject({ status: "completed", summary: { inserted: 2, failed: 1, total: 3 } });
    const { data: errors } = await management.jobs.getErrors({ id: created.id });
    expect(errors).toMatchObject([{ user: { email: "broken" }, errors: [{ code: "FORMAT" }] }]);

    const again = await management.jobs.importUsers({ users: new Blob([ndjson([{ email: `sdk1.${t}@example.com`, given_name: "Again" }])]), connection_id: connectionId, upsert: true });
    await runJobs();
    expect((await management.jobs.get({ id: again.data.id })).data).toMatchObject({ status: "completed", summary: { inserted: 0, updated: 1, failed: 0, total: 1 } });

    const { data: exported } = await management.jobs.exportUsers({ connection_id: connectionId, format: "csv", fields: [{ name: "email", export_as: "E" }] });
    await runJobs();
    const { data: finished } = await management.jobs.get({ id: exported.id });
    expect(finished.status).toBe("completed");
    expect((await download(finished.location!)).text.split("\n")[0]).toBe('"E"');

    const user = await createUser();
    const { data: verification } = await management.jobs.verifyEmail({ user_id: user.user_id as string });
    expect(verification).toMatchObject({ status: "completed", type: "verification_email" });
  });
});

describe("the import jobs cap through the SDKs", () => {
  it("a third concurrent import is the SDKs' 429 (v7 TooManyRequestsError, v4 ManagementApiError)", async () => {
    const t = tag();
    const v7 = new ManagementClientV7(options);
    // Both SDKs retry a 429 on their own (after Retry-After); off here, to see the first answer.
    const v4 = new ManagementClientV4({ ...options, retry: { enabled: false } });
    const users = () => new Blob([file(`${t}${Math.random().toString(36).slice(2, 6)}`)], { type: "application/json" });
    const accepted = [
      await v7.jobs.usersImports.create({ users: users(), connection_id: connectionId, send_completion_email: false }),
      (await v4.jobs.importUsers({ users: users(), connection_id: connectionId, send_completion_email: false })).data,
    ];
    expect(accepted.map((job) => job.status)).toEqual(["pending", "pending"]);
    const message = "There are 2 active import users jobs, please wait until some of them are finished and try again";

    const refusedV7 = await v7.jobs.usersImports.create({ users: users(), connection_id: connectionId }, { maxRetries: 0 }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusedV7).toBeInstanceOf(ManagementV7.TooManyRequestsError);
    expect(refusedV7).toMatchObject({ statusCode: 429, body: { statusCode: 429, error: "Too Many Requests", message, errorCode: "too_many_requests" } });

    await expect(v4.jobs.importUsers({ users: users(), connection_id: connectionId })).rejects.toMatchObject({
      statusCode: 429,
      error: "Too Many Requests",
      errorCode: "too_many_requests",
      message,
    });

    // Once they have ended, the SDK's import goes through again.
    await runJobs();
    expect((await v7.jobs.get(accepted[0]!.id)).status).toBe("completed");
    const next = await v7.jobs.usersImports.create({ users: users(), connection_id: connectionId, send_completion_email: false });
    expect(next.status).toBe("pending");
    await runJobs();
  });
});
