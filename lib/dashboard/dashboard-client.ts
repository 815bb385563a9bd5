// The dashboard's own OpenID Connect application, "Gatehouse Dashboard" (client_id
// `gatehouse-dashboard`): the dashboard signs operators in through this instance's /authorize and
// /oauth/token, the way Keycloak's admin console signs in through its own realm.
//
// - First-party, regular web, authorization code (with PKCE, lib/dashboard/auth-options.ts);
//   only the operators' connection is enabled for it, so its login page is the operators' one
//   (brute-force protection and the strong password policy of that connection apply).
// - Its secret is never stored anywhere but the database's usual hash + JWE: it is derived from
//   the master secret (HMAC over the `client-secrets` subkey), so every instance sharing the master
//   secret computes the same one and nothing needs to be configured.
// - Created at bootstrap; its callback and logout URLs follow GATEHOUSE_ISSUER, and its secret is
//   reset to the derived one, on every start.
import { createHmac } from "node:crypto";
import type { Db } from "../db/client.ts";
import { encryptSecret } from "../crypto/encryption.ts";
import { derivedKey } from "../crypto/master-key.ts";
import { sha256Hex } from "../crypto/random.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { insertClient, prepareClient } from "../services/clients/create-client.ts";
import { AppError } from "../services/errors.ts";
import { OPERATORS_CONNECTION } from "../services/setup/create-operator.ts";

export const DASHBOARD_CLIENT_ID = "gatehouse-dashboard";
export const DASHBOARD_CLIENT_NAME = "Gatehouse Dashboard";
/** next-auth's provider id: the callback is <issuer>api/auth/callback/gatehouse. */
export const DASHBOARD_PROVIDER_ID = "gatehouse";

export function dashboardClientSecret(): string {
  return createHmac("sha256", derivedKey("client-secrets")).update("gatehouse-dashboard-client-secret:v1", "utf8").digest("base64url");
}

export function dashboardCallbackUrl(issuer: string): string {
  return `${issuer}api/auth/callback/${DASHBOARD_PROVIDER_ID}`;
}

/** Where /oidc/logout sends the browser back after the dashboard's sign-out. */
export function dashboardSignedOutUrl(issuer: string): string {
  return `${issuer}dashboard/signed-out`;
}

/** Creates the dashboard's application, or brings its URLs and secret up to date. Idempotent. */
export async function ensureDashboardClient(db: Db, issuer: string): Promise<void> {
  const secret = dashboardClientSecret();
  const callbacks = [dashboardCallbackUrl(issuer)];
  const logoutUrls = [dashboardSignedOutUrl(issuer)];
  const existing = await db.client.findUnique({
    where: { client_id: DASHBOARD_CLIENT_ID },
    select: { callbacks: true, allowed_logout_urls: true, client_secret_hash: true, is_system: true },
  });
  if (!existing) {
    const prepared = await prepareClient(
      {
        name: DASHBOARD_CLIENT_NAME,
        description: "The Gatehouse dashboard signs operators in through this application. Managed by Gatehouse.",
        app_type: "regular_web",
        callbacks,
        allowed_logout_urls: logoutUrls,
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
      { clientId: DASHBOARD_CLIENT_ID, clientSecret: secret },
    );
    prepared.data.is_system = true;
    prepared.data.is_first_party = true;
    try {
      await db.$transaction(async (tx) => {
        await insertClient(tx, prepared);
        // insertClient enabled every ordinary connection: the dashboard takes operators only.
        await tx.connectionClient.deleteMany({ where: { client_id: DASHBOARD_CLIENT_ID } });
        const operators = await tx.connection.findUniqueOrThrow({ where: { name: OPERATORS_CONNECTION }, select: { id: true } });
        await tx.connectionClient.create({ data: { connection_id: operators.id, client_id: DASHBOARD_CLIENT_ID } });
      });
    } catch (error) {
      // Another instance created it first (insertClient turns the unique violation into a conflict).
      if (!(isUniqueViolation(error) || (error instanceof AppError && error.code === "conflict"))) throw error;
    }
    return;
  }
  const data: Record<string, unknown> = {};
  if (JSON.stringify(existing.callbacks) !== JSON.stringify(callbacks)) data.callbacks = callbacks;
  if (JSON.stringify(existing.allowed_logout_urls) !== JSON.stringify(logoutUrls)) data.allowed_logout_urls = logoutUrls;
  if (existing.client_secret_hash !== sha256Hex(secret)) {
    data.client_secret_hash = sha256Hex(secret);
    data.client_secret_encrypted = await encryptSecret(secret, "client-secrets");
  }
  if (!existing.is_system) data.is_system = true;
  if (Object.keys(data).length) await db.client.update({ where: { client_id: DASHBOARD_CLIENT_ID }, data: data as never });
  // Self-healing: if the operators' connection was disabled for the dashboard, operators could no
  // longer sign in; every start enables it again.
  const operators = await db.connection.findUnique({ where: { name: OPERATORS_CONNECTION }, select: { id: true } });
  if (operators) {
    await db.connectionClient
      .upsert({
        where: { connection_id_client_id: { connection_id: operators.id, client_id: DASHBOARD_CLIENT_ID } },
        create: { connection_id: operators.id, client_id: DASHBOARD_CLIENT_ID },
        update: {},
      })
      .catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
      });
  }
}
