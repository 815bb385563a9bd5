// The Jobs page through the real UI (app/dashboard/jobs): import a file (multipart to the
// /dashboard/jobs/import-upload route) and see the users through the Management API; start an
// export and download the finished file; cancel a running import.
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { createUser, expect, test, unique } from "./support/dashboard.ts";

test.describe.configure({ mode: "parallel" });

test("imports an uploaded file: the users exist afterwards", async ({ operatorPage: page, dashboard }) => {
  const tag = unique("im").replace("-", "");
  const emails = [0, 1, 2].map((i) => `${tag}-${i}@example.com`);
  const file = emails.map((email) => JSON.stringify({ email, email_verified: true, user_metadata: { imported: true } })).join("\n") + "\n";

  await page.goto("/dashboard/jobs");
  await page.getByLabel("Database connection").selectOption({ label: "Username-Password-Authentication" });
  await page.getByLabel("Users file (JSON array or NDJSON)").setInputFiles({ name: "users.ndjson", mimeType: "application/json", buffer: Buffer.from(file) });
  await page.getByRole("button", { name: "Import users" }).click();
  await expect(page).toHaveURL(/\/dashboard\/jobs\/job_\w+$/);
  await expect(page.getByTestId("job-status")).toHaveText("completed", { timeout: 60_000 });
  await expect(page.getByTestId("job-counts")).toContainText("3 inserted");

  for (const email of emails) {
    const found = await dashboard.api<{ email: string; user_metadata: Record<string, unknown> }[]>("GET", `/users-by-email?email=${encodeURIComponent(email)}`);
    expect(found).toHaveLength(1);
    expect(found[0]!.user_metadata).toEqual({ imported: true });
  }
});

test("exports users and downloads the finished file", async ({ operatorPage: page, dashboard }) => {
  const user = await createUser(dashboard, { email: `${unique("ex")}@example.com` });
  await page.goto("/dashboard/jobs");
  await page.getByLabel("Format").selectOption("json");
  await page.getByLabel("Fields (optional, comma-separated)").fill("user_id, email");
  await page.getByRole("button", { name: "Export users" }).click();
  await expect(page).toHaveURL(/\/dashboard\/jobs\/job_\w+$/);
  await expect(page.getByTestId("job-status")).toHaveText("completed", { timeout: 60_000 });

  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-download").click();
  const download = await downloading;
  const path = await download.path();
  const lines = gunzipSync(readFileSync(path)).toString("utf8").trim().split("\n").map((l) => JSON.parse(l) as { user_id: string; email: string });
  expect(lines).toContainEqual({ user_id: user.user_id, email: user.email });
});

test("imports a file larger than the proxy's 10 MB body buffer, whole", async ({ operatorPage: page, dashboard }) => {
  test.setTimeout(120_000);
  const tag = unique("big").replace("-", "");
  const padding = "x".repeat(1_000);
  const count = 11_000;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(JSON.stringify({ email: `${tag}-${i}@example.com`, user_metadata: { padding } }));
  const file = Buffer.from(lines.join("\n") + "\n");
  expect(file.length).toBeGreaterThan(11 * 1024 * 1024);

  await page.goto("/dashboard/jobs");
  await page.getByLabel("Database connection").selectOption({ label: "Username-Password-Authentication" });
  await page.getByLabel("Users file (JSON array or NDJSON)").setInputFiles({ name: "big.ndjson", mimeType: "application/json", buffer: file });
  await page.getByRole("button", { name: "Import users" }).click();
  await expect(page).toHaveURL(/\/dashboard\/jobs\/job_\w+$/);
  const jobId = page.url().split("/").at(-1)!;
  await expect(page.getByTestId("job-status")).toHaveText("completed", { timeout: 100_000 });
  const job = await dashboard.api<{ summary: { inserted: number; failed: number } }>("GET", `/jobs/${jobId}`);
  expect(job.summary).toMatchObject({ inserted: count, failed: 0 });
});

test("cancels a running import: it stops at once, and what it had written stays", async ({ operatorPage: page, dashboard }) => {
  test.setTimeout(120_000);
  const tag = unique("cx").replace("-", "");
  const count = 150_000;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(JSON.stringify({ email: `${tag}-${i}@example.com` }));

  await page.goto("/dashboard/jobs");
  await page.getByLabel("Database connection").selectOption({ label: "Username-Password-Authentication" });
  await page.getByLabel("Users file (JSON array or NDJSON)").setInputFiles({ name: "many.ndjson", mimeType: "application/json", buffer: Buffer.from(lines.join("\n") + "\n") });
  await page.getByRole("button", { name: "Import users" }).click();
  await expect(page).toHaveURL(/\/dashboard\/jobs\/job_\w+$/);
  const jobId = page.url().split("/").at(-1)!;

  await page.getByTestId("cancel-job").click();
  await page.getByRole("button", { name: "Yes, cancel job" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Job cancelled." })).toBeVisible();
  await expect(page.getByTestId("job-status")).toHaveText("cancelled");
  await expect(page.getByTestId("cancel-job")).toHaveCount(0);

  // Stopped: the count does not move any more, and is short of the file.
  type Job = { status: string; summary?: { inserted: number } };
  const first = await dashboard.api<Job>("GET", `/jobs/${jobId}`);
  expect(first.status).toBe("cancelled");
  await expect.poll(async () => (await dashboard.api<Job>("GET", `/jobs/${jobId}`)).summary?.inserted ?? 0, { intervals: [1_000, 1_000, 1_000] }).toBe(first.summary?.inserted ?? 0);
  expect(first.summary?.inserted ?? 0).toBeLessThan(count);
  // A second cancel of the ended job is refused through the API.
  await expect(dashboard.api("POST", `/jobs/${jobId}/cancel`)).rejects.toThrow(/: 409 /);
});
