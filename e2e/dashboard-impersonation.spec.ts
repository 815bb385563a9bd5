// Impersonation end to end through the dashboard: the operator opens the user's page, asks to sign
// in as the user into an application with a reason, follows the one-time link to the application's
// callback (intercepted here), and the application's tokens carry `act` naming the operator and mark
// the login as impersonated. Then "End now" ends it. Every effect is checked through the
// Management API or the token endpoint, not only the page.
import { createUser, expect, test, unique } from "./support/dashboard.ts";

const CALLBACK = "https://app.example/callback";

function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

test("an operator signs in to an application as a user: act claim, impersonation marked, history, end", async ({ operatorPage: page, dashboard }) => {
  const app = await dashboard.api<{ client_id: string; client_secret: string; name: string }>("POST", "/clients", {
    name: unique("Support target"),
    app_type: "regular_web",
    callbacks: [CALLBACK],
    grant_types: ["authorization_code", "refresh_token"],
  });
  const user = await createUser(dashboard, { name: `<img src=x onerror="window.__pwned=1">${unique("Pat")}` });
  const operator = (await dashboard.api<{ user_id: string; email: string }[]>("GET", "/users-by-email?email=operator%40dashboard.example"))[0]!;
  const userSessionsBefore = await dashboard.api<unknown>("GET", `/users/${encodeURIComponent(user.user_id)}/logs?per_page=100`);

  await page.goto(`/dashboard/users/${encodeURIComponent(user.user_id)}?tab=impersonation`);
  const form = page.getByRole("form", { name: "Sign in as this user" });
  await form.getByLabel("Application").selectOption({ label: app.name });
  // No reason: refused in the form, nothing created.
  await form.getByRole("button", { name: "Sign in as this user" }).click();
  await expect(form.getByText(/Give a reason/)).toBeVisible();
  expect(await dashboard.api<unknown[]>("GET", `/users/${encodeURIComponent(user.user_id)}/impersonations`)).toEqual([]);

  await form.getByLabel("Reason").fill("Ticket 4711: the invoice page shows an error");
  await form.getByLabel("Time box (minutes)").fill("10");
  await form.getByRole("button", { name: "Sign in as this user" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Sign-in link ready" }).last()).toBeVisible();
  const link = page.getByTestId("impersonation-link");
  await expect(link).toBeVisible();

  // The link opens a new tab; Gatehouse answers it with a 302 to the application's callback, which
  // routing does not intercept (see e2e/support/gatehouse.ts reachApplication): the request itself
  // carries the code, the unreachable host's error page does not matter.
  const reached = page.context().waitForEvent("request", { predicate: (r) => r.url().startsWith("https://app.example/"), timeout: 15_000 });
  await link.click();
  const callback = new URL((await reached).url());
  expect(callback.origin + callback.pathname).toBe(CALLBACK);
  expect(callback.searchParams.get("iss")).toBe(dashboard.issuer);
  const code = callback.searchParams.get("code")!;

  // The application redeems the code like any other.
  const response = await fetch(`${dashboard.issuer}oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", client_id: app.client_id, client_secret: app.client_secret, code, redirect_uri: CALLBACK }),
  });
  expect(response.status).toBe(200);
  const tokens = (await response.json()) as { id_token: string; access_token: string };
  const idToken = decodeJwt(tokens.id_token);
  expect(idToken).toMatchObject({ sub: user.user_id, act: { sub: operator.user_id }, amr: ["impersonation"], impersonated: true });
  expect(decodeJwt(tokens.access_token)).toMatchObject({ sub: user.user_id, act: { sub: operator.user_id } });
  expect(Number(idToken.exp) - Number(idToken.iat)).toBeLessThanOrEqual(600);

  // The record and the log events name the operator, the reason and the application.
  const [record] = await dashboard.api<{ id: string; status: string; reason: string; client_id: string; actor: { sub: string; email: string } }[]>("GET", `/users/${encodeURIComponent(user.user_id)}/impersonations`);
  expect(record).toMatchObject({ status: "active", reason: "Ticket 4711: the invoice page shows an error", client_id: app.client_id, actor: { sub: operator.user_id, email: operator.email } });
  const started = await dashboard.api<{ type: string; client_id: string; details: Record<string, unknown> }[]>("GET", `/logs?q=${encodeURIComponent(`type:simp AND user_id:"${user.user_id}"`)}`);
  expect(started[0]).toMatchObject({ client_id: app.client_id, details: { impersonation_id: record!.id, reason: "Ticket 4711: the invoice page shows an error", actor: { sub: operator.user_id } } });
  // Impersonation is not the user's login.
  const userLogs = await dashboard.api<{ type: string }[]>("GET", `/users/${encodeURIComponent(user.user_id)}/logs?per_page=100`);
  expect(userLogs.filter((l) => l.type === "s")).toHaveLength((userSessionsBefore as { type: string }[]).filter((l) => l.type === "s").length);

  // The history on the user's page, then "End now".
  await page.reload();
  const history = page.getByTestId("impersonation-history");
  await expect(history).toContainText("Ticket 4711");
  await expect(history).toContainText("Active");
  await history.getByRole("button", { name: "End now" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "Impersonation ended" }).last()).toBeVisible();
  await expect(history).toContainText("Ended");
  const [ended] = await dashboard.api<{ status: string; ended_by: string }[]>("GET", `/users/${encodeURIComponent(user.user_id)}/impersonations`);
  expect(ended).toMatchObject({ status: "ended", ended_by: operator.user_id });
  const endEvents = await dashboard.api<unknown[]>("GET", `/logs?q=${encodeURIComponent(`type:eimp AND user_id:"${user.user_id}"`)}`);
  expect(endEvents).toHaveLength(1);

  // The markup in the user's name stayed text.
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // The operator is still signed in to the dashboard.
  await page.goto("/dashboard");
  await expect(page.getByTestId("operator-email")).toHaveText(operator.email);
});

test("the Management API returns a login link that works once", async ({ dashboard, page }) => {
  const app = await dashboard.api<{ client_id: string }>("POST", "/clients", { name: unique("API target"), app_type: "regular_web", callbacks: [CALLBACK], grant_types: ["authorization_code"] });
  const user = await createUser(dashboard);
  const { login_url } = await dashboard.api<{ login_url: string }>("POST", `/users/${encodeURIComponent(user.user_id)}/impersonate`, { client_id: app.client_id, reason: "Reproduce a bug report", state: "from-api" });
  const reached = page.waitForRequest((r) => r.url().startsWith("https://app.example/"), { timeout: 15_000 });
  // The 302 to the unreachable application host ends in the browser's error page: expected.
  await page.goto(login_url).catch(() => undefined);
  const callback = new URL((await reached).url());
  expect(callback.origin + callback.pathname).toBe(CALLBACK);
  expect(callback.searchParams.get("state")).toBe("from-api");
  expect(callback.searchParams.get("code")).toBeTruthy();
  // Again, in a fresh tab (the first one may still be committing the unreachable host's error page).
  const again = await page.context().newPage();
  await again.goto(login_url);
  await expect(again).toHaveURL(/\/u\/error\?/);
  await expect(again.getByText(/already used|expired/)).toBeVisible();
});
