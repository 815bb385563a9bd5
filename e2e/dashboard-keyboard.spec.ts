// Keyboard-only use of the dashboard: from the home page to the users list, a search, a user's page
// and a mutation (block, with its inline confirmation), with Tab, Enter and Space only, and a
// visible focus indicator on every element reached (WCAG 2.1.1 and 2.4.7). The effect is checked
// through the Management API.
import type { Locator, Page } from "@playwright/test";
import { createUser, expect, test, unique } from "./support/dashboard.ts";

/** Presses Tab until `target` has the focus (at most `limit` times). */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) break;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
  await expectVisibleFocus(target);
}

/** The focused element shows a focus indicator: the :focus-visible outline (app/globals.css). */
async function expectVisibleFocus(target: Locator): Promise<void> {
  const focus = await target.evaluate((el) => {
    const style = getComputedStyle(el);
    return { focusVisible: el.matches(":focus-visible"), outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
  });
  expect(focus.focusVisible).toBe(true);
  expect(focus.outlineStyle).not.toBe("none");
  expect(focus.outlineWidth).toBeGreaterThan(0);
}

test("from the home page to blocking a user, with the keyboard only", async ({ operatorPage: page, dashboard }) => {
  const tag = unique("kb").replace("-", "");
  const user = await createUser(dashboard, { email: `${tag}@example.com`, name: `${tag} Keyboard Person` });

  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();

  // The first Tab reaches the skip link; then on through the header to the navigation's Users link.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await tabTo(page, page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Users" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard\/users$/);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();

  // The search box: type, Enter submits the search form.
  const search = page.getByRole("searchbox", { name: "Search" });
  await tabTo(page, search);
  await page.keyboard.type(tag);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]q=${tag}`));
  await expect(page.getByTestId("user-row")).toHaveCount(1);

  // The user's name links to their page.
  await tabTo(page, page.getByTestId("user-row").getByRole("link", { name: `${tag} Keyboard Person` }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("user-id")).toHaveText(user.user_id);

  // Block: Space presses the button, the confirmation takes the focus, Enter confirms.
  const block = page.getByTestId("block-toggle");
  await expect(block).toHaveText("Block");
  await tabTo(page, block);
  await page.keyboard.press("Space");
  const confirm = page.getByRole("button", { name: "Yes, block" });
  await expect(confirm).toBeFocused();
  await expectVisibleFocus(confirm);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("toast-success")).toContainText(`${user.email} is blocked.`);
  await expect(page.getByTestId("block-toggle")).toHaveText("Unblock");
  expect((await dashboard.api<{ blocked?: boolean }>("GET", `/users/${encodeURIComponent(user.user_id)}`)).blocked).toBe(true);
});
