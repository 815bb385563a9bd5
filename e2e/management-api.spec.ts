// The Management API over real HTTP against the production server: what the in-process tests
// cannot show (Next.js's own routing and decoding of path segments, the real client IP).
import { expect, test } from "@playwright/test";

const CLIENT_ID = "e2e-automation"; // scripts/e2e-server.mjs
const CLIENT_SECRET = "e2e-automation-secret-0123456789-abcdefghijklmnop";

test("client credentials, then an API whose identifier needs percent-encoding, fetched by identifier", async ({ request, baseURL }) => {
  const issuer = `${baseURL}/`;
  const tokenResponse = await request.post("/oauth/token", {
    form: { grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET, audience: `${issuer}api/v2/` },
  });
  expect(tokenResponse.status()).toBe(200);
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const headers = { authorization: `Bearer ${access_token}` };

  // `%41` must stay `%41`: decoding twice would look up `urn:e2e:aAb`.
  const identifier = `urn:e2e:a%41b/${Date.now()}?x=1`;
  const created = await request.post("/api/v2/resource-servers", { headers, data: { identifier, name: "E2E API" } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const byIdentifier = await request.get(`/api/v2/resource-servers/${encodeURIComponent(identifier)}`, { headers });
  expect(byIdentifier.status()).toBe(200);
  expect(await byIdentifier.json()).toMatchObject({ id, identifier });

  const missing = await request.get(`/api/v2/resource-servers/${encodeURIComponent("urn:e2e:aAb")}`, { headers });
  expect(missing.status()).toBe(404);
});

test("log events carry the TCP peer address, not a spoofed header", async ({ request, baseURL }) => {
  const issuer = `${baseURL}/`;
  await request.post("/oauth/token", {
    headers: { "x-gatehouse-peer-ip": "6.6.6.6", "x-forwarded-for": "7.7.7.7" },
    form: { grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: "wrong-secret", audience: `${issuer}api/v2/` },
  });
  const tokenResponse = await request.post("/oauth/token", {
    form: { grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET, audience: `${issuer}api/v2/` },
  });
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const logs = await request.get(`/api/v2/logs?q=${encodeURIComponent(`type:feccft AND client_id:${CLIENT_ID}`)}`, {
    headers: { authorization: `Bearer ${access_token}` },
  });
  expect(logs.status()).toBe(200);
  const events = (await logs.json()) as { ip?: string }[];
  expect(events.length).toBeGreaterThan(0);
  expect(events[0]!.ip).toBe("127.0.0.1");
});

test("unknown paths and methods answer cleanly", async ({ request }) => {
  expect((await request.get("/api/v2/nope")).status()).toBe(404);
  expect((await request.delete("/.well-known/jwks.json")).status()).toBe(405);
  const discovery = await request.get("/.well-known/openid-configuration");
  expect(discovery.headers()["x-request-id"]).toBeTruthy();
});
