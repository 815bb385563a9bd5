// POST /api/v2/jobs/users-imports through the job runner (auth0-management-api.md §3.13, §5):
// JSON arrays and NDJSON, upsert off and on, malformed records as error entries (bad JSON line,
// invalid email, unknown fields), duplicate emails, job status and errors in Auth0's shapes, and
// imported users found by search like created ones (search columns and metadata leaves).
import bcrypt from "bcryptjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ready } from "../../lib/boot/ready.ts";
import { runPendingJobs } from "../../lib/jobs/job-runner.ts";
import { api, createUser, tag } from "../helpers/users.ts";
import { connectionIdOf, getJob, ndjson, postImport, runJobs } from "../helpers/jobs.ts";

let connectionId: string;
const hash = bcrypt.hashSync("Imported-Passw0rd!", 4);

beforeAll(async () => {
  connectionId = await connectionIdOf();
});

async function importAndRun(file: string, parts: Record<string, string> = {}) {
  const created = await postImport(file, { connection_id: connectionId, ...parts });
  expect(created.status, created.text).toBe(202);
  await runJobs();
  const job = await getJob(created.body.id);
  expect(job.status).toBe(200);
  return { created: created.body, job: job.body };
}

describe("users imports", () => {
  it("imports a JSON array: users, identities, hashes, search columns and metadata leaves", async () => {
    const t = tag();
    const users = [
      { email: `Ann.${t}@Example.com`, email_verified: true, given_name: "Ann", family_name: "Lee", user_metadata: { plan: `gold-${t}` }, app_metadata: { tier: 3 }, password_hash: hash },
      { email: `bob.${t}@example.com`, user_id: `bob${t}`, name: "Bob Builder", nickname: "bob", picture: "https://example.com/b.png", blocked: true },
    ];
    const { created, job } = await importAndRun(JSON.stringify(users), { external_id: "ext-1" });
    expect(created).toMatchObject({ status: "pending", type: "users_import", connection_id: connectionId, external_id: "ext-1", upsert: false, send_completion_email: true });
    expect(created.id).toMatch(/^job_/);
    expect(job).toMatchObject({ status: "completed", type: "users_import", id: created.id, summary: { inserted: 2, updated: 0, failed: 0, total: 2 } });

    const bob = await api("GET", `/users/${encodeURIComponent(`auth0|bob${t}`)}`);
    expect(bob.status).toBe(200);
    expect(bob.body).toMatchObject({ email: `bob.${t}@example.com`, name: "Bob Builder", blocked: true, email_verified: false, identities: [{ provider: "auth0", user_id: `bob${t}`, connection: "Username-Password-Authentication" }] });

    const search = await api("GET", `/users?q=${encodeURIComponent(`user_metadata.plan:"gold-${t}"`)}&search_engine=v3`);
    expect(search.status, search.text).toBe(200);
    expect(search.body.map((u: { email: string }) => u.email)).toEqual([`ann.${t}@example.com`]);
    const byName = await api("GET", `/users?q=${encodeURIComponent(`family_name:LEE AND email:*${t}*`)}&search_engine=v3`);
    expect(byName.body).toHaveLength(1);
    expect(byName.body[0]).toMatchObject({ given_name: "Ann", email_verified: true, app_metadata: { tier: 3 } });

    const errors = await api("GET", `/jobs/${created.id}/errors`);
    expect(errors.status).toBe(204);
  });

  it("reports malformed records as error entries without stopping the job (NDJSON)", async () => {
    const t = tag();
    const file = ndjson([
      { email: `ok1.${t}@example.com` },
      `{"email": "broken.${t}@example.com", `,
      { email: "not-an-email" },
      { email: `extra.${t}@example.com`, favourite_colour: "blue" },
      { email: `hash.${t}@example.com`, password_hash: "plain-text" },
      { email: `ok2.${t}@example.com`, user_metadata: { a: 1 } },
      [1, 2],
    ]);
    const { created, job } = await importAndRun(file);
    expect(job).toMatchObject({ status: "completed", summary: { inserted: 2, updated: 0, failed: 5, total: 7 } });
    const errors = await api("GET", `/jobs/${created.id}/errors`);
    expect(errors.status).toBe(200);
    const codes = errors.body.map((e: { errors: { code: string }[] }) => e.errors[0]!.code);
    expect(codes[0]).toBe("INVALID_JSON");
    expect(codes[1]).toBe("FORMAT");
    expect(codes[2]).toBe("OBJECT_ADDITIONAL_PROPERTIES");
    expect(codes[4]).toBe("INVALID_TYPE");
    expect(errors.body[1]).toEqual({ user: { email: "not-an-email" }, errors: [{ code: "FORMAT", message: "Object didn't pass validation for format email: not-an-email", path: "email" }] });
    expect(errors.body[2].errors[0]).toMatchObject({ path: "favourite_colour" });
    // Secrets are masked in error entries.
    expect(errors.body[3].user).toEqual({ email: `hash.${t}@example.com`, password_hash: "*****" });
  });

  it("duplicate emails in the file and existing users are errors without upsert; upsert updates only upsertable fields", async () => {
    const t = tag();
    const first = await importAndRun(ndjson([{ email: `dup.${t}@example.com`, given_name: "First", user_metadata: { keep: false, v: 1 }, blocked: false }]));
    expect(first.job.summary).toEqual({ inserted: 1, updated: 0, failed: 0, total: 1 });

    const again = await importAndRun(ndjson([{ email: `dup.${t}@example.com`, given_name: "Second" }, { email: `new.${t}@example.com` }, { email: `NEW.${t}@example.com` }]));
    expect(again.job.summary).toEqual({ inserted: 1, updated: 0, failed: 2, total: 3 });
    const errors = await api("GET", `/jobs/${again.created.id}/errors`);
    expect(errors.body.map((e: { errors: { code: string }[] }) => e.errors[0]!.code)).toEqual(["DUPLICATED_USER", "DUPLICATED_USER"]);

    const upsert = await importAndRun(ndjson([{ email: `dup.${t}@example.com`, given_name: "Third", user_metadata: { v: 2 }, blocked: true }]), { upsert: "true" });
    expect(upsert.created.upsert).toBe(true);
    expect(upsert.job.summary).toEqual({ inserted: 0, updated: 1, failed: 0, total: 1 });
    const found = await api("GET", `/users?q=${encodeURIComponent(`email:"dup.${t}@example.com"`)}&search_engine=v3`);
    expect(found.body).toHaveLength(1);
    // Metadata is replaced, not merged (§5.5); blocked is not upsertable.
    expect(found.body[0]).toMatchObject({ given_name: "Third", user_metadata: { v: 2 } });
    expect(found.body[0].user_metadata).not.toHaveProperty("keep");
    expect(found.body[0].blocked).toBeUndefined();
    const byMetadata = await api("GET", `/users?q=${encodeURIComponent(`user_metadata.v:2 AND email:"dup.${t}@example.com"`)}&search_engine=v3`);
    expect(byMetadata.body).toHaveLength(1);
    const byNewName = await api("GET", `/users?q=${encodeURIComponent(`given_name:third AND email:"dup.${t}@example.com"`)}&search_engine=v3`);
    expect(byNewName.body).toHaveLength(1);
  });

  it("treats the email of an identity linked into another user as taken, even with upsert", async () => {
    const primary = await createUser();
    const secondary = await createUser();
    const secondaryId = (secondary.user_id as string).slice("auth0|".length);
    expect((await api("POST", `/users/${encodeURIComponent(primary.user_id as string)}/identities`, { provider: "auth0", user_id: secondaryId })).status).toBe(201);
    const { created, job } = await importAndRun(ndjson([{ email: secondary.email }]), { upsert: "true" });
    expect(job.summary).toEqual({ inserted: 0, updated: 0, failed: 1, total: 1 });
    expect((await api("GET", `/jobs/${created.id}/errors`)).body[0].errors[0].code).toBe("DUPLICATED_USER");
  });

  it("fails the job, not the records, when the JSON array itself is broken", async () => {
    const t = tag();
    const { created, job } = await importAndRun(`[{"email":"a.${t}@example.com"}, {"email": "b.${t}@example.com"`);
    expect(job).toMatchObject({ status: "failed", summary: { inserted: 0 } });
    expect(job.status_details).toMatch(/not closed/);
    const errors = await api("GET", `/jobs/${created.id}/errors`);
    expect(errors.body).toMatchObject({ status: "failed", id: created.id, type: "users_import" });
  });

  it("validates the multipart request with Auth0's messages", async () => {
    expect((await postImport(null, { connection_id: connectionId })).body).toMatchObject({ statusCode: 400, message: "Must provide 'users' file as multipart part." });
    expect((await postImport("", { connection_id: connectionId })).body).toMatchObject({ statusCode: 400, message: "Users file must not be empty." });
    expect((await postImport("[]", {})).body).toMatchObject({ statusCode: 400, message: "Must provide 'connection_id' as multipart part." });
    expect((await postImport("[]", { connection_id: "con_AAAAAAAAAAAAAAAA" })).body).toMatchObject({ statusCode: 400, message: "The connection does not exist." });
    expect((await postImport("[]", { connection_id: "nope" })).status).toBe(400);
    expect((await postImport("[]", { connection_id: connectionId, upsert: "maybe" })).status).toBe(400);
    const operators = await connectionIdOf("gatehouse-operators");
    expect((await postImport("[]", { connection_id: operators })).status).toBe(400);
    const json = await api("POST", "/jobs/users-imports", { users: [] });
    expect(json.body).toMatchObject({ statusCode: 400, message: "Payload validation error: 'Invalid multipart payload format'." });
  });

  it("runs each job once when several runners poll together", async () => {
    const t = tag();
    const ids: string[] = [];
    // Two imports (the most that may be active at once, import-cap.db.test.ts) and an export.
    for (let j = 0; j < 2; j++) {
      const created = await postImport(ndjson(Array.from({ length: 40 }, (_, i) => ({ email: `r${j}-${i}.${t}@example.com` }))), { connection_id: connectionId });
      expect(created.status, created.text).toBe(202);
      ids.push(created.body.id);
    }
    const exported = await api("POST", "/jobs/users-exports", { connection_id: connectionId, format: "json", fields: [{ name: "email" }] });
    expect(exported.status, exported.text).toBe(200);
    const db = await ready();
    const ran = await Promise.all(["runner-a", "runner-b", "runner-c"].map((owner) => runPendingJobs(db, { owner, batchSize: 5 })));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(3);
    for (const id of ids) {
      const job = await db.job.findUniqueOrThrow({ where: { id } });
      expect(job).toMatchObject({ status: "completed", inserted: 40, failed: 0, attempts: 1 });
    }
    expect(await db.job.findUniqueOrThrow({ where: { id: exported.body.id } })).toMatchObject({ status: "completed", attempts: 1 });
    expect(await db.user.count({ where: { email: { endsWith: `.${t}@example.com` } } })).toBe(80);
  });

  it("answers 404 for unknown jobs", async () => {
    expect((await api("GET", "/jobs/job_AAAAAAAAAAAAAAAA")).body).toMatchObject({ statusCode: 404, message: "Job not found." });
    expect((await api("GET", "/jobs/job_AAAAAAAAAAAAAAAA/errors")).status).toBe(404);
  });
});
