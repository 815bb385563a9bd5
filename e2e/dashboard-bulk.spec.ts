// Bulk actions on a search result through the users list (components/dashboard/bulk): the whole
// result (more than one page), the confirmation dialog's exact count, the job's progress to
// completion on its Jobs page, and the effect checked through the Management API.
import { createUser, expect, test, unique } from "./support/dashboard.ts";

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
