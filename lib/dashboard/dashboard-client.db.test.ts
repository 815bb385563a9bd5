// The dashboard's OIDC application, made at bootstrap (lib/dashboard/dashboard-client.ts). Runs on
// SQLite and PostgreSQL against the bootstrapped test database.
import { describe, expect, it } from "vitest";
import { getDb } from "../db/client.ts";
import { sha256Hex } from "../crypto/random.ts";
import { findEncryptedClientSecrets } from "../db/secrets.ts";
import { decryptSecret } from "../crypto/encryption.ts";
import { env } from "../env.ts";
import { OPERATORS_CONNECTION } from "../services/setup/create-operator.ts";
import { DASHBOARD_CLIENT_ID, dashboardCallbackUrl, dashboardClientSecret, dashboardSignedOutUrl, ensureDashboardClient } from "./dashboard-client.ts";

describe("the Gatehouse Dashboard application", () => {
  it("exists after bootstrap: first-party, system, code flow, its callback and logout URL, the derived secret", async () => {
    const db = await getDb();
    const client = await db.client.findUniqueOrThrow({ where: { client_id: DASHBOARD_CLIENT_ID }, omit: { client_secret_hash: false } });
    expect(client).toMatchObject({
      name: "Gatehouse Dashboard",
      is_system: true,
      is_first_party: true,
      app_type: "regular_web",
      callbacks: [dashboardCallbackUrl(env().issuer)],
      allowed_logout_urls: [dashboardSignedOutUrl(env().issuer)],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_basic",
    });
    expect(client.client_secret_hash).toBe(sha256Hex(dashboardClientSecret()));
    const encrypted = (await findEncryptedClientSecrets(db, [DASHBOARD_CLIENT_ID])).get(DASHBOARD_CLIENT_ID)!;
    expect(await decryptSecret(encrypted, "client-secrets")).toBe(dashboardClientSecret());
  });

  it("is enabled on the operators' connection only, and heals when that link is removed", async () => {
    const db = await getDb();
    const names = async () =>
      (await db.connectionClient.findMany({ where: { client_id: DASHBOARD_CLIENT_ID }, select: { connection: { select: { name: true } } } })).map((r) => r.connection.name);
    expect(await names()).toEqual([OPERATORS_CONNECTION]);
    await db.connectionClient.deleteMany({ where: { client_id: DASHBOARD_CLIENT_ID } });
    await ensureDashboardClient(db, env().issuer);
    expect(await names()).toEqual([OPERATORS_CONNECTION]);
  });

  it("follows a changed issuer and a tampered secret on the next start", async () => {
    const db = await getDb();
    await db.client.update({ where: { client_id: DASHBOARD_CLIENT_ID }, data: { callbacks: ["https://old.example/cb"], client_secret_hash: "0".repeat(64) } });
    await ensureDashboardClient(db, env().issuer);
    const client = await db.client.findUniqueOrThrow({ where: { client_id: DASHBOARD_CLIENT_ID }, omit: { client_secret_hash: false } });
    expect(client.callbacks).toEqual([dashboardCallbackUrl(env().issuer)]);
    expect(client.client_secret_hash).toBe(sha256Hex(dashboardClientSecret()));
    await ensureDashboardClient(db, env().issuer);
    expect(await db.client.count({ where: { client_id: DASHBOARD_CLIENT_ID } })).toBe(1);
  });
});
