// Bulk actions on a search result through the users list (components/dashboard/bulk): the whole
// result (more than one page), the confirmation dialog's exact count, the job's progress to
// completion on its Jobs page, and the effect checked through the Management API: block, delete,
// assign and remove a role, and export (the downloaded file's content).
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { Page } from "@playwright/test";
import { createUser, expect, test, unique, type DashboardInstance } from "./support/dashboard.ts";

/** `count` users whose emails share a fresh tag (a plain-text search for the tag finds exactly them). */
async function taggedUsers(dashboard: DashboardInstance, prefix: string, count: number, fields: (i: number) => Record<string, unknown> = () => ({})) {
  const tag = unique(prefix).replace("-", "");
  const users = [];
  for (let i = 0; i < count; i++) users.push(await createUser(dashboard, { email: `${tag}-${i}@example.com`, ...fields(i) }));
  return { tag, users };
}

/**
 * On the users list searched for `tag`: picks `action` (and its options), confirms `confirmLabel` in
 * the dialog, and waits on the job's page until it completed.
 */
async function runBulkAction(page: Page, tag: string, count: number, action: string, confirmLabel: string, options: (page: Page) => Promise<void> = async () => {}): Promise<string> {
  await page.goto(`/dashboard/users?q=${tag}`);
  await expect(page.getByTestId("user-row")).toHaveCount(count);
  await page.getByLabel("Bulk action on all results").selectOption(action);
  await options(page);
  await page.getByRole("button", { name: `Apply to all ${count} results…` }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm bulk action" });
  await expect(dialog.getByTestId("bulk-confirm-count")).toContainText(confirmLabel);
  await dialog.getByRole("button", { name: confirmLabel }).click();
  await expect(page).toHaveURL(/\/dashboard\/jobs\/job_\w+$/);
  await expect(page.getByTestId("job-status")).toHaveText("completed", { timeout: 60_000 });
  return page.url().split("/").at(-1)!;
}

test("bulk-blocks every user of a search result, past the visible page", async ({ operatorPage: page, dashboard }) => {
  test.setTimeout(120_000);
  const tag = unique("bk").replace("-", "");
  const users = [];
  for (let i = 0; i < 27; i++) users.push(await createUser(dashboard, { email: `${tag}-${String(i).padStart(2, "0")}@example.com` }));
  const outsider = await createUser(dashboard);

  await page.goto(`/dashboard/users?q=${tag}`);
  await expect(page.getByTestId("user-row")).toHaveCount(25);
  await page.getByLabel("Bulk action on all results").selectOption("block");
  await page.getByRole("button", { name: "Apply to all 27 results…" }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm bulk action" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("bulk-confirm-count")).toContainText("Block 27 users");
  await dialog.getByRole("button", { name: "Block 27 users" }).click();

  await expect(page).toHaveURL(/\/dashboard\/jobs\/job_\w+$/);
  await expect(page.getByTestId("job-status")).toHaveText("completed", { timeout: 60_000 });
  await expect(page.getByTestId("job-counts")).toContainText("100%");
  await expect(page.getByTestId("job-counts")).toContainText("27 changed, 0 failed");
  await page.screenshot({ path: test.info().outputPath("bulk-job.png"), fullPage: true });

  for (const user of users) expect((await dashboard.api<{ blocked?: boolean }>("GET", `/users/${encodeURIComponent(user.user_id)}`)).blocked).toBe(true);
  expect((await dashboard.api<{ blocked?: boolean }>("GET", `/users/${encodeURIComponent(outsider.user_id)}`)).blocked ?? false).toBe(false);

  // The Jobs list shows it with who started it.
  await page.goto("/dashboard/jobs");
  const row = page.getByTestId("jobs-table").getByRole("row").filter({ hasText: "Bulk action: block" }).first();
  await expect(row).toContainText("completed");
  await expect(row).toContainText("operator@dashboard.example");
});

test("bulk-deletes every user of a search result", async ({ operatorPage: page, dashboard }) => {
  const { tag, users } = await taggedUsers(dashboard, "bd", 3);
  const outsider = await createUser(dashboard);

  await runBulkAction(page, tag, 3, "delete", "Delete 3 users");
  await expect(page.getByTestId("job-counts")).toContainText("3 changed, 0 failed");

  for (const user of users) await expect(dashboard.api("GET", `/users/${encodeURIComponent(user.user_id)}`)).rejects.toThrow(/404/);
  expect((await dashboard.api<{ user_id: string }>("GET", `/users/${encodeURIComponent(outsider.user_id)}`)).user_id).toBe(outsider.user_id);
  await page.goto(`/dashboard/users?q=${tag}`);
  await expect(page.getByText("No users match")).toBeVisible();
});

test("bulk-assigns a role to a search result, then bulk-removes it", async ({ operatorPage: page, dashboard }) => {
  const { tag, users } = await taggedUsers(dashboard, "br", 3);
  const outsider = await createUser(dashboard);
  const role = await dashboard.api<{ id: string; name: string }>("POST", "/roles", { name: unique("Bulk Role"), description: "Given in bulk" });
  const chooseRole = (p: Page) => p.getByLabel("Role", { exact: true }).selectOption({ label: role.name }).then(() => undefined);
  const holders = async () => (await dashboard.api<{ user_id: string }[]>("GET", `/roles/${role.id}/users`)).map((u) => u.user_id).sort();

  await runBulkAction(page, tag, 3, "assign_role", "Assign a role to 3 users", chooseRole);
  await expect(page.getByTestId("job-counts")).toContainText("3 changed, 0 failed");
  expect(await holders()).toEqual(users.map((u) => u.user_id).sort());
  for (const user of users) expect((await dashboard.api<{ id: string }[]>("GET", `/users/${encodeURIComponent(user.user_id)}/roles`)).map((r) => r.id)).toEqual([role.id]);
  expect(await dashboard.api<unknown[]>("GET", `/users/${encodeURIComponent(outsider.user_id)}/roles`)).toEqual([]);

  // The outsider gets the role one by one: removing in bulk from the search leaves theirs.
  await dashboard.api("POST", `/users/${encodeURIComponent(outsider.user_id)}/roles`, { roles: [role.id] });
  await runBulkAction(page, tag, 3, "remove_role", "Remove a role from 3 users", chooseRole);
  await expect(page.getByTestId("job-counts")).toContainText("3 changed, 0 failed");
  expect(await holders()).toEqual([outsider.user_id]);
  for (const user of users) expect(await dashboard.api<unknown[]>("GET", `/users/${encodeURIComponent(user.user_id)}/roles`)).toEqual([]);
});

test("bulk-exports a search result as CSV and downloads it", async ({ operatorPage: page, dashboard }) => {
  const { tag, users } = await taggedUsers(dashboard, "be", 3, (i) => ({ user_metadata: { plan: i === 1 ? "pro" : "free" } }));
  await createUser(dashboard, { user_metadata: { plan: "outsider" } });

  const jobId = await runBulkAction(page, tag, 3, "export", "Export 3 users", async (p) => {
    await p.getByLabel("Format").selectOption("csv");
    await p.getByLabel("Fields (optional)").fill("email, user_metadata.plan");
  });
  const job = await dashboard.api<{ type: string; format: string; status: string }>("GET", `/jobs/${jobId}`);
  expect(job).toMatchObject({ type: "users_export", format: "csv", status: "completed" });

  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-download").click();
  const download = await downloading;
  const [header, ...rows] = gunzipSync(readFileSync(await download.path())).toString("utf8").trim().split("\n");
  expect(header).toBe('"email","user_metadata.plan"');
  // CSV cells are escaped against formula injection (a leading ').
  expect(rows.sort()).toEqual(users.map((u, i) => `"'${u.email}","'${i === 1 ? "pro" : "free"}"`).sort());
});
