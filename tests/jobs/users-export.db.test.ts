// POST /api/v2/jobs/users-exports through the job runner (auth0-management-api.md §6): NDJSON and
// CSV (OWASP escaping), fields with export_as, limit and connection filters, gzip output behind a
// signed, expiring download URL, and password hashes: never by default, only with the dedicated
// scope, logged.
import bcrypt from "bcryptjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ready } from "../../lib/boot/ready.ts";
import { EXPORT_LINK_PURPOSE, EXPORT_LINK_TTL_SECONDS } from "../../lib/services/jobs/present-job.ts";
import { signValue } from "../../lib/security/signed-value.ts";
import { managementToken } from "../helpers/tokens.ts";
import { TEST_ADMIN_EMAIL } from "../setup/test-env.ts";
import { api, tag } from "../helpers/users.ts";
import { connectionIdOf, download, getJob, ndjson, postImport, runJobs } from "../helpers/jobs.ts";

let connectionId: string;
let otherConnectionId: string;
const t = tag();
const hash = bcrypt.hashSync("Exported-Passw0rd!", 4);

async function exportAndRun(body: Record<string, unknown>, token?: string) {
  const created = await api("POST", "/jobs/users-exports", body, token);
  expect(created.status, created.text).toBe(200);
  await runJobs();
  const job = await getJob(created.body.id);
  expect(job.body.status).toBe("completed");
  return { created: created.body, job: job.body };
}

beforeAll(async () => {
  connectionId = await connectionIdOf();
  const other = await api("POST", "/connections", { name: `export-${t}`, strategy: "auth0" });
  expect(other.status, other.text).toBe(201);
  otherConnectionId = other.body.id;
  const users = Array.from({ length: 5 }, (_, i) => ({
    email: `exp${i}.${t}@example.com`,
    // Exports are ordered by user_id.
    user_id: `exp${t}${i}`,
    given_name: i === 0 ? '=HYPERLINK("x", "y")' : `Given${i}`,
    user_metadata: { consent: { given: i % 2 === 0 }, lang: "fr" },
    app_metadata: { n: i },
    password_hash: hash,
  }));
  const imported = await postImport(ndjson(users), { connection_id: otherConnectionId });
  expect(imported.status).toBe(202);
  await runJobs();
  expect((await getJob(imported.body.id)).body.summary.inserted).toBe(5);
});

describe("users exports", () => {
  it("exports NDJSON with fields and export_as, filtered by connection, gzipped behind a signed link", async () => {
    const { created, job } = await exportAndRun({
      connection_id: otherConnectionId,
      format: "json",
      fields: [{ name: "email" }, { name: "user_metadata.consent.given", export_as: "consent" }, { name: "identities[0].connection", export_as: "conn" }, { name: "app_metadata" }],
    });
    expect(created).toMatchObject({ status: "pending", type: "users_export", connection_id: otherConnectionId, connection: `export-${t}`, format: "json" });
    expect(job.location).toMatch(/^https:\/\/gatehouse\.test\/jobs\/exports\/job_\w+\?sig=/);
    const file = await download(job.location);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/gzip");
    const lines = file.text.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ email: `exp0.${t}@example.com`, consent: true, conn: `export-${t}`, app_metadata: { n: 0 } });
    expect(lines.every((l) => !("password_hash" in l))).toBe(true);
  });

  it("exports CSV with OWASP escaping and a header of export_as names; limit caps the rows", async () => {
    const { job } = await exportAndRun({
      connection_id: otherConnectionId,
      format: "csv",
      limit: 3,
      fields: [{ name: "email", export_as: "Email" }, { name: "given_name" }, { name: "created_at" }, { name: "logins_count" }, { name: "user_metadata.lang" }],
    });
    const rows = (await download(job.location)).text.trim().split("\n");
    expect(rows[0]).toBe('"Email","given_name","created_at","logins_count","user_metadata.lang"');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatch(new RegExp(`^"'exp0\\.${t}@example\\.com","'=HYPERLINK\\(""x"", ""y""\\)","\\d{4}-\\d\\d-\\d\\dT[^"]+Z",0,"'fr"$`));
  });

  it("uses the default fields when none are given, and never includes password hashes by default", async () => {
    const { job } = await exportAndRun({ connection_id: otherConnectionId });
    const first = JSON.parse((await download(job.location)).text.split("\n")[0]!);
    expect(first).toMatchObject({ email: `exp0.${t}@example.com`, email_verified: false, "identities[0].connection": `export-${t}`, user_metadata: { lang: "fr" } });
    expect(first.user_id).toMatch(/^auth0\|/);
    expect(first).not.toHaveProperty("password_hash");
  });

  it("includes password hashes only with read:user_password_hashes, and logs the request", async () => {
    const withoutScope = await managementToken("read:users");
    const refused = await api("POST", "/jobs/users-exports", { connection_id: otherConnectionId, include_password_hashes: true }, withoutScope);
    expect(refused.status).toBe(403);
    expect(refused.body.errorCode).toBe("insufficient_scope");

    const withScope = await managementToken("read:users read:user_password_hashes");
    const { created, job } = await exportAndRun({ connection_id: otherConnectionId, include_password_hashes: true, fields: [{ name: "email" }] }, withScope);
    expect(created.include_password_hashes).toBe(true);
    const lines = (await download(job.location)).text.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ email: `exp0.${t}@example.com`, password_hash: hash });
    expect(bcrypt.compareSync("Exported-Passw0rd!", lines[0].password_hash)).toBe(true);

    // Its download link goes only to callers holding the scope.
    expect((await api("GET", `/jobs/${created.id}`, undefined, withoutScope)).body.location).toBeUndefined();
    expect((await api("GET", `/jobs/${created.id}`, undefined, withScope)).body.location).toMatch(/sig=/);

    // Across every connection: operators' hashes are never exported.
    const everyone = await exportAndRun({ include_password_hashes: true, fields: [{ name: "email" }] }, withScope);
    const all = (await download(everyone.job.location)).text.trim().split("\n").map((l) => JSON.parse(l));
    expect(all.find((l) => l.email === TEST_ADMIN_EMAIL)).toEqual({ email: TEST_ADMIN_EMAIL });
    expect(all.find((l) => l.email === `exp1.${t}@example.com`)?.password_hash).toBe(hash);

    const db = await ready();
    const logged = await db.logEvent.findMany({ where: { type: "mgmt_api_read", description: "Users export with password hashes requested" } });
    expect(logged.some((e) => (e.details as { job_id?: string }).job_id === created.id)).toBe(true);
  });

  it("refuses an expired, forged or foreign download link", async () => {
    const { job } = await exportAndRun({ connection_id: otherConnectionId, limit: 1 });
    const id = job.id as string;
    const expired = signValue(EXPORT_LINK_PURPOSE, id, EXPORT_LINK_TTL_SECONDS, Date.now() - (EXPORT_LINK_TTL_SECONDS + 5) * 1000);
    const base = `https://gatehouse.test/jobs/exports/${id}`;
    const gone = await download(`${base}?sig=${encodeURIComponent(expired)}`);
    expect(gone.status).toBe(403);
    expect(JSON.parse(gone.text)).toMatchObject({ statusCode: 403, errorCode: "invalid_signature" });
    expect((await download(`${base}?sig=${encodeURIComponent(signValue("other-purpose", id, 60))}`)).status).toBe(403);
    expect((await download(`${base}?sig=${encodeURIComponent(signValue(EXPORT_LINK_PURPOSE, "job_other", 60))}`)).status).toBe(403);
    expect((await download(base)).status).toBe(403);
    expect((await download(job.location)).status).toBe(200);
  });

  it("validates the request", async () => {
    expect((await api("POST", "/jobs/users-exports", { format: "xml" })).status).toBe(400);
    expect((await api("POST", "/jobs/users-exports", { format: "csv", fields: [{ name: "user_metadata" }] })).status).toBe(400);
    expect((await api("POST", "/jobs/users-exports", { connection_id: "con_AAAAAAAAAAAAAAAA" })).status).toBe(400);
    expect((await api("POST", "/jobs/users-exports", { limit: 0 })).status).toBe(400);
    expect((await api("POST", "/jobs/users-exports", { unknown: 1 })).status).toBe(400);
  });
});
