// Cached configuration follows changes made by other instances (PostgreSQL LISTEN/NOTIFY): a secret
// changed elsewhere stops working here as soon as the notification arrives, not after a TTL.
import { createHash } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_BOOTSTRAP_CLIENT_SECRET, TEST_ISSUER } from "../setup/test-env.ts";

const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
await other.connect();
afterAll(() => other.end());

const form = (secret: string) => ({
  grant_type: "client_credentials",
  client_id: TEST_BOOTSTRAP_CLIENT_ID,
  client_secret: secret,
  audience: `${TEST_ISSUER}api/v2/`,
});

async function until(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

describe("configuration cache across instances", () => {
  it("drops cached client secrets when another instance notifies a change", async () => {
    expect((await call("POST", "/oauth/token", { form: form(TEST_BOOTSTRAP_CLIENT_SECRET) })).status).toBe(200);
    // Wait until this instance listens (it starts with the database client).
    const { getDb } = await import("../../lib/db/client.ts");
    const { configInvalidationListening } = await import("../../lib/cache/config-invalidation.ts");
    await getDb();
    await configInvalidationListening(process.env.DATABASE_URL!);
    // Cached from here on (the listener emptied the cache when it connected).
    expect((await call("POST", "/oauth/token", { form: form(TEST_BOOTSTRAP_CLIENT_SECRET) })).status).toBe(200);

    // "Another instance" changes the secret behind this one's back (raw SQL: no local hook fires).
    const newSecret = "rotated-elsewhere-0123456789-abcdefghijklmnopqrstuvwxyz";
    await other.query("UPDATE clients SET client_secret_hash = $1 WHERE client_id = $2", [
      createHash("sha256").update(newSecret).digest("hex"),
      TEST_BOOTSTRAP_CLIENT_ID,
    ]);
    // Still cached here: the old secret keeps working until told otherwise.
    expect((await call("POST", "/oauth/token", { form: form(TEST_BOOTSTRAP_CLIENT_SECRET) })).status).toBe(200);

    await other.query("SELECT pg_notify('gatehouse_config', 'another-instance')");
    const oldRejected = await until(async () => (await call("POST", "/oauth/token", { form: form(TEST_BOOTSTRAP_CLIENT_SECRET) })).status === 401);
    expect(oldRejected).toBe(true);
    expect((await call("POST", "/oauth/token", { form: form(newSecret) })).status).toBe(200);
  });
});
