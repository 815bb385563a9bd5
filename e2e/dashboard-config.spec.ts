// The dashboard's configuration pages through the real UI, each change checked through the
// Management API: applications (settings, validation keeping the input, connections, secret shown
// and rotated), APIs (scopes, RBAC), connections (password policy, brute force, sign-up), roles
// and permissions, logs (filters, detail), the email outbox, and the home page (with a screenshot).
import { expect, test, unique, createUser } from "./support/dashboard.ts";

type Client = { client_id: string; client_secret: string; name: string; callbacks: string[]; web_origins: string[]; allowed_logout_urls: string[]; grant_types: string[] };

test("applications: create, edit settings, keep input on a validation error, connections, secret on demand, rotation", async ({ operatorPage: page, dashboard }) => {
  const name = unique("Billing portal");
  await page.goto("/dashboard/applications");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Type").selectOption("regular_web");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/dashboard\/applications\/[A-Za-z0-9]{32}/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const clientId = (await page.getByTestId("client-id").textContent())!.trim();

  // A value the API's schema refuses: the field's message, nothing saved, everything typed still there.
  const settings = page.getByRole("form", { name: "Application settings" });
  await settings.getByLabel("Name").fill(`${name} <beta>`);
  await settings.getByLabel("Allowed callback URLs").fill("https://billing.example/callback\nhttps://billing.example/cb2");
  await settings.getByLabel("Allowed web origins").fill("https://billing.example");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("Must not contain < or >")).toBeVisible();
  await expect(settings.getByLabel("Name")).toHaveValue(`${name} <beta>`);
  await expect(settings.getByLabel("Allowed callback URLs")).toHaveValue("https://billing.example/callback\nhttps://billing.example/cb2");
  await expect(settings.getByLabel("Allowed web origins")).toHaveValue("https://billing.example");
  expect((await dashboard.api<Client>("GET", `/clients/${clientId}`)).callbacks).toEqual([]);

  await settings.getByLabel("Name").fill(name);
  await settings.getByLabel("Allowed logout URLs").fill("https://billing.example/bye");
  await settings.getByLabel("Refresh token").check();
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Application settings saved." })).toHaveCount(1);
  const saved = await dashboard.api<Client>("GET", `/clients/${clientId}`);
  expect(saved.callbacks).toEqual(["https://billing.example/callback", "https://billing.example/cb2"]);
  expect(saved.web_origins).toEqual(["https://billing.example"]);
  expect(saved.allowed_logout_urls).toEqual(["https://billing.example/bye"]);
  expect(saved.grant_types).toContain("refresh_token");

  // Connections: switch the default database connection off for this application.
  const connections = page.getByRole("form", { name: "Enabled connections" });
  await connections.getByLabel("Username-Password-Authentication").uncheck();
  await connections.getByRole("button", { name: "Save connections" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Connections saved." }).last()).toBeVisible();
  const enabled = await dashboard.api<{ connections: { name: string }[] }>("GET", `/clients/${clientId}/connections`);
  expect(enabled.connections.map((c) => c.name)).not.toContain("Username-Password-Authentication");

  // The secret is hidden until asked for; it is the API's; rotation replaces it.
  await expect(page.getByTestId("client-secret")).not.toContainText(saved.client_secret);
  await page.getByRole("button", { name: "Show secret" }).click();
  await expect(page.getByTestId("client-secret")).toHaveText(saved.client_secret);
  await page.getByRole("button", { name: "Rotate…" }).click();
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Secret rotated" }).last()).toBeVisible();
  const rotated = await dashboard.api<Client>("GET", `/clients/${clientId}`);
  expect(rotated.client_secret).not.toBe(saved.client_secret);
  await page.getByRole("button", { name: "Show secret" }).click();
  await expect(page.getByTestId("client-secret")).toHaveText(rotated.client_secret);
  const reads = await dashboard.api<{ type: string; client_id?: string }[]>("GET", `/logs?q=${encodeURIComponent(`type:mgmt_api_read AND client_id:"${clientId}"`)}`);
  expect(reads.length).toBeGreaterThanOrEqual(2);
});

test("APIs: scopes and RBAC settings", async ({ operatorPage: page, dashboard }) => {
  const identifier = `https://${unique("orders")}.example/`;
  const api = await dashboard.api<{ id: string }>("POST", "/resource-servers", { identifier, name: unique("Orders API") });
  await page.goto(`/dashboard/apis/${api.id}`);
  const scopes = page.getByRole("form", { name: "Scopes" });
  await scopes.getByRole("button", { name: "Add a scope" }).click();
  await scopes.getByLabel("Scope 1", { exact: true }).fill("read:orders");
  await scopes.getByLabel("Description").first().fill("Read orders");
  await scopes.getByRole("button", { name: "Add a scope" }).click();
  await scopes.getByLabel("Scope 2", { exact: true }).fill("read:orders");
  await scopes.getByRole("button", { name: "Save scopes" }).click();
  await expect(scopes.getByText(/Duplicate scope value/)).toBeVisible();
  await scopes.getByLabel("Scope 2", { exact: true }).fill("write:orders");
  await scopes.getByRole("button", { name: "Save scopes" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "API saved." }).last()).toBeVisible();

  const settings = page.getByRole("form", { name: "API settings" });
  await settings.getByLabel("Enable RBAC").check();
  await settings.getByLabel("Token dialect").selectOption("access_token_authz");
  await settings.getByLabel("Access token lifetime (seconds)").fill("3600");
  await settings.getByRole("button", { name: "Save settings" }).click();
  // The effect, through the API (the scopes' "API saved." toast may still be on screen).
  await expect.poll(async () => (await dashboard.api<{ enforce_policies: boolean }>("GET", `/resource-servers/${api.id}`)).enforce_policies).toBe(true);
  const saved = await dashboard.api<{ scopes: { value: string; description?: string }[]; enforce_policies: boolean; token_dialect: string; token_lifetime: number }>("GET", `/resource-servers/${api.id}`);
  expect(saved.scopes).toEqual([{ value: "read:orders", description: "Read orders" }, { value: "write:orders" }]);
  expect(saved).toMatchObject({ enforce_policies: true, token_dialect: "access_token_authz", token_lifetime: 3600 });
});

test("connections: password policy, brute force, disable sign-up", async ({ operatorPage: page, dashboard }) => {
  const connection = await dashboard.api<{ id: string; name: string }>("POST", "/connections", { name: unique("staff-db"), strategy: "auth0", options: { passwordPolicy: "good" } });
  await page.goto("/dashboard/connections");
  await page.getByRole("link", { name: connection.name }).click();
  const form = page.getByRole("form", { name: "Connection settings" });
  await form.getByLabel("Strength").selectOption("excellent");
  await form.getByLabel("Minimum length").fill("200");
  await form.getByRole("button", { name: "Save connection" }).click();
  await expect(form.getByText(/128|72/).first()).toBeVisible();
  await expect(form.getByLabel("Minimum length")).toHaveValue("200");
  await form.getByLabel("Minimum length").fill("14");
  await form.getByLabel("Brute-force protection").uncheck();
  await form.getByLabel("Disable sign-ups").check();
  await form.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Connection saved." }).last()).toBeVisible();
  const saved = await dashboard.api<{ options: Record<string, unknown> }>("GET", `/connections/${connection.id}`);
  expect(saved.options).toMatchObject({ passwordPolicy: "excellent", password_complexity_options: { min_length: 14 }, brute_force_protection: false, disable_signup: true });
});

test("roles: create, add and remove a permission, delete", async ({ operatorPage: page, dashboard }) => {
  const identifier = `https://${unique("reports")}.example/`;
  const apiName = unique("Reports API");
  await dashboard.api("POST", "/resource-servers", { identifier, name: apiName, scopes: [{ value: "read:reports" }, { value: "export:reports" }] });
  const roleName = unique("Analyst");
  await page.goto("/dashboard/roles");
  const create = page.getByRole("form", { name: "Create a role" });
  await create.getByLabel("Name").fill(roleName);
  await create.getByLabel("Description").fill("Reads reports");
  await create.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name: roleName })).toBeVisible();
  const roleId = page.url().split("/").at(-1)!;

  const add = page.getByRole("form", { name: "Add a permission" });
  await add.getByLabel("API").selectOption({ label: apiName });
  await add.getByLabel("Permission").selectOption("export:reports");
  await add.getByRole("button", { name: "Add permission" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Permission export:reports added." }).last()).toBeVisible();
  await expect(page.getByTestId("role-permissions")).toContainText("export:reports");
  let permissions = await dashboard.api<{ permission_name: string; resource_server_identifier: string }[]>("GET", `/roles/${roleId}/permissions`);
  expect(permissions).toEqual([expect.objectContaining({ permission_name: "export:reports", resource_server_identifier: identifier })]);

  await page.getByRole("button", { name: "Remove export:reports" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "removed" }).last()).toBeVisible();
  permissions = await dashboard.api("GET", `/roles/${roleId}/permissions`);
  expect(permissions).toEqual([]);

  await page.getByRole("button", { name: "Delete role…" }).click();
  await page.getByLabel(`Type ${roleName} to delete it`, { exact: false }).fill(roleName);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard\/roles\?deleted=1$/);
  const roles = await dashboard.api<{ name: string }[]>("GET", `/roles?name_filter=${encodeURIComponent(roleName)}`);
  expect(roles).toEqual([]);
});

test("logs: filter by type and user, a bad date range says why, and the detail view", async ({ operatorPage: page, dashboard }) => {
  const user = await createUser(dashboard);
  await dashboard.api("PATCH", `/users/${encodeURIComponent(user.user_id)}`, { blocked: true });
  await page.goto("/dashboard/logs");
  await page.getByLabel("Type").selectOption("sapi");
  await page.getByLabel("Query").fill(`description:"Update a user"`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/type=sapi/);
  await expect(page.getByTestId("log-table")).toBeVisible();
  await expect(page.getByLabel("Query")).toHaveValue(`description:"Update a user"`);
  const expected = await dashboard.api<{ log_id: string }[]>("GET", `/logs?q=${encodeURIComponent('type:"sapi" AND description:"Update a user"')}&per_page=50`);
  await expect(page.getByTestId("log-table").locator("tbody tr")).toHaveCount(Math.min(expected.length, 50));
  await page.getByTestId("log-table").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/dashboard\/logs\/\d+/);
  await expect(page.getByTestId("log-details")).toContainText("PATCH");

  await page.goto(`/dashboard/logs?user=${encodeURIComponent(user.user_id)}&from=2030-01-02&to=2030-01-01`);
  await expect(page.getByTestId("log-filter-error")).toContainText("The start date is after the end date.");
});

test("email outbox and home page", async ({ operatorPage: page, dashboard }, testInfo) => {
  // An email Gatehouse sends is recorded in the outbox, with its text.
  const user = await createUser(dashboard, { email_verified: false });
  await dashboard.api("POST", "/jobs/verification-email", { user_id: user.user_id });
  await dashboard.waitForEmail(user.email, /./);
  await expect(async () => {
    await page.goto("/dashboard/outbox");
    await expect(page.getByTestId("outbox-table")).toContainText(user.email, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Email outbox" })).toBeVisible();
  await page.getByTestId("outbox-table").getByRole("row").filter({ hasText: user.email }).getByRole("link").first().click();
  await expect(page.getByTestId("email-text")).toContainText("http");

  await page.goto("/dashboard");
  await expect(page.getByTestId("activity-chart")).toBeVisible();
  await expect(page.getByTestId("activity-chart").getByRole("application")).toBeVisible();
  // The operator's own sign-in is a login of today.
  const logins = Number((await page.getByTestId("total-logins").textContent())!.replace(/\D/g, ""));
  const today = await dashboard.api<unknown[]>("GET", `/logs?q=${encodeURIComponent(`type:"s" AND date:${new Date().toISOString().slice(0, 10)}`)}&per_page=100`);
  expect(logins).toBeGreaterThanOrEqual(today.length);
  expect(logins).toBeGreaterThan(0);
  await expect(page.getByTestId("newest-events").locator("li").first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("dashboard-home.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: testInfo.outputPath("dashboard-home-dark.png"), fullPage: true });
});
