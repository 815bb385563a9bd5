// The home page of an instance: what it is, its issuer, and working links to its public endpoints.
import { expect, test } from "./fixtures.ts";

test("the home page names the product and shows the issuer", async ({ page, baseURL }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle("Gatehouse");
  await expect(page.getByRole("heading", { level: 1, name: "Gatehouse" })).toBeVisible();
  await expect(page.getByTestId("issuer")).toHaveText(`${baseURL}/`);
  await expect(page.getByText(`${baseURL}/api/v2/`)).toBeVisible();
  // The setup token is only ever in the server log.
  expect(await page.content()).not.toContain("token=");
});

test("the discovery link works and returns the issuer", async ({ page, baseURL }) => {
  await page.goto("/");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/.well-known/openid-configuration")),
    page.getByRole("link", { name: "OpenID Connect discovery" }).click(),
  ]);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const document = (await response.json()) as Record<string, unknown>;
  expect(document.issuer).toBe(`${baseURL}/`);
  expect(document.jwks_uri).toBe(`${baseURL}/.well-known/jwks.json`);
});

test("the key set, health and readiness links answer", async ({ page, request }) => {
  await page.goto("/");
  for (const name of ["JSON Web Key Set", "Liveness", "Readiness"]) {
    const href = await page.getByRole("link", { name }).getAttribute("href");
    expect(href).toBeTruthy();
    const response = await request.get(href!);
    expect(response.status(), name).toBe(200);
  }
  const jwks = (await (await request.get("/.well-known/jwks.json")).json()) as { keys: unknown[] };
  expect(jwks.keys.length).toBeGreaterThan(0);
});
