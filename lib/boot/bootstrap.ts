// First-start and every-start set-up of the tenant. Idempotent, and safe when several instances
// start together (PostgreSQL advisory lock; SQLite has one writer).
//
// Every start:   the tenant row; the master-secret check; the Management API (identifier
//                `<issuer>api/v2/`, every scope); the operators' connection and role; the
//                dashboard's application ("Gatehouse Dashboard"); a current
//                and a next signing key; the automation client of GATEHOUSE_BOOTSTRAP_CLIENT_* and
//                the operator of GATEHOUSE_ADMIN_* when missing.
// First start:   the `Username-Password-Authentication` connection and the "Default App", in the
//                transaction that creates the tenant row (all or nothing).
// No operator:   a one-time setup link (GATEHOUSE_ADMIN_* unset). There is never a default password.
import type { Db, DbOrTx } from "../db/client.ts";
import { lockForBootstrap } from "../db/locks.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { decryptSecret, encryptSecret } from "../crypto/encryption.ts";
import { newClientGrantId, newConnectionId, newObjectId, newRoleId } from "../crypto/ids.ts";
import { EnvError, type Env } from "../env.ts";
import { logger } from "../logs/logger.ts";
import { MANAGEMENT_API_SCOPES, MANAGEMENT_API_SCOPE_VALUES, CURRENT_USER_SCOPES } from "../management/scopes.ts";
import { ensureSigningKeys } from "../oidc/keys/signing-keys.ts";
import { createClient, insertClient, prepareClient } from "../services/clients/create-client.ts";
import { systemActor } from "../services/actor.ts";
import { AppError } from "../services/errors.ts";
import { createSetupTicket } from "../services/setup/create-setup-ticket.ts";
import { createOperator, findOperatorCount, OPERATORS_CONNECTION, OPERATOR_ROLE } from "../services/setup/create-operator.ts";
import { DEFAULT_DATABASE_CONNECTION_OPTIONS } from "../services/connections/database-connection-options.ts";
import { ensureDashboardClient } from "../dashboard/dashboard-client.ts";

export const DEFAULT_CONNECTION_NAME = "Username-Password-Authentication";
const SECRET_CHECK_PLAINTEXT = "gatehouse-secret-check";

export type BootstrapReport = {
  firstStart: boolean;
  createdKeys: string[];
  setupUrl: string | null;
  bootstrapClientCreated: boolean;
  operatorCreated: boolean;
};

export function managementApiIdentifier(issuer: string): string {
  return `${issuer}api/v2/`;
}

export class SecretMismatchError extends Error {
  override name = "SecretMismatchError";
}

async function ensureTenant(db: Db, config: Env): Promise<boolean> {
  const existing = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { secret_check: true, issuer: true } });
  if (existing) {
    if (existing.secret_check) {
      try {
        await decryptSecret(existing.secret_check, "secret-check");
      } catch {
        throw new SecretMismatchError(
          "GATEHOUSE_SECRET does not match the secret this database was set up with. Start with the original secret " +
            "(GATEHOUSE_SECRET, or <data dir>/gatehouse.secret); every instance must use the same one.",
        );
      }
    }
    if (existing.issuer !== config.issuer) {
      logger().warn({ from: existing.issuer, to: config.issuer }, "GATEHOUSE_ISSUER changed: the Management API audience follows it");
      await db.tenantSettings.update({ where: { id: 1 }, data: { issuer: config.issuer } });
    }
    return false;
  }
  const secretCheck = await encryptSecret(SECRET_CHECK_PLAINTEXT, "secret-check");
  const defaultApp = await prepareClient({
    name: "Default App",
    app_type: "regular_web",
    grant_types: ["authorization_code", "refresh_token", "client_credentials"],
    token_endpoint_auth_method: "client_secret_post",
  });
  return db.$transaction(async (tx) => {
    await lockForBootstrap(tx);
    if (await tx.tenantSettings.findUnique({ where: { id: 1 }, select: { id: true } })) return false;
    await tx.tenantSettings.create({
      data: {
        id: 1,
        issuer: config.issuer,
        secret_check: secretCheck,
        allowed_logout_urls: [],
        enabled_locales: ["en"],
        flags: {},
        attack_protection: {},
      },
    });
    await createFirstStartEntities(tx);
    await insertClient(tx, defaultApp);
    return true;
  }, { timeout: 30_000 });
}

async function createFirstStartEntities(tx: DbOrTx): Promise<void> {
  await tx.connection.create({
    data: {
      id: newConnectionId(),
      name: DEFAULT_CONNECTION_NAME,
      strategy: "auth0",
      options: DEFAULT_DATABASE_CONNECTION_OPTIONS,
      realms: [DEFAULT_CONNECTION_NAME],
      metadata: {},
    },
  });
}

/** The Management API resource server: created once, its identifier and scopes kept current. */
async function ensureManagementApi(db: Db, config: Env): Promise<void> {
  const identifier = managementApiIdentifier(config.issuer);
  const system = await db.resourceServer.findFirst({ where: { is_system: true } });
  if (!system) {
    await db.$transaction(async (tx) => {
      await lockForBootstrap(tx);
      if (await tx.resourceServer.findFirst({ where: { is_system: true }, select: { id: true } })) return;
      await tx.resourceServer.create({
        data: {
          id: newObjectId(),
          identifier,
          name: "Gatehouse Management API",
          scopes: MANAGEMENT_API_SCOPES as object[],
          signing_alg: "RS256",
          token_lifetime: 86_400,
          token_lifetime_for_web: 7_200,
          allow_offline_access: false,
          skip_consent_for_verifiable_first_party_clients: false,
          is_system: true,
        },
      });
    });
    return;
  }
  const scopes = system.scopes as { value: string }[];
  const scopesCurrent = scopes.length === MANAGEMENT_API_SCOPES.length && scopes.every((s, i) => s.value === MANAGEMENT_API_SCOPES[i]!.value);
  if (system.identifier !== identifier || !scopesCurrent) {
    // Grants and permissions follow the identifier (ON UPDATE CASCADE).
    await db.resourceServer.update({
      where: { id: system.id },
      data: { identifier, scopes: MANAGEMENT_API_SCOPES as object[] },
    });
  }
}

async function ensureOperatorsConnectionAndRole(db: Db): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockForBootstrap(tx);
    if (!(await tx.connection.findFirst({ where: { name: OPERATORS_CONNECTION }, select: { id: true } }))) {
      await tx.connection.create({
        data: {
          id: newConnectionId(),
          name: OPERATORS_CONNECTION,
          display_name: "Gatehouse operators",
          strategy: "auth0",
          // Operators hold the keys to every account: a strong policy, no public signup.
          options: {
            ...DEFAULT_DATABASE_CONNECTION_OPTIONS,
            passwordPolicy: "good",
            password_complexity_options: { min_length: 12 },
            password_dictionary: { enable: true, dictionary: [] },
            password_no_personal_info: { enable: true },
            password_history: { enable: true, size: 5 },
            disable_signup: true,
            brute_force_protection: true,
          },
          realms: [OPERATORS_CONNECTION],
          metadata: {},
          is_system: true,
        },
      });
    }
    if (!(await tx.role.findFirst({ where: { name: OPERATOR_ROLE }, select: { id: true } }))) {
      await tx.role.create({
        data: { id: newRoleId(), name: OPERATOR_ROLE, description: "Signs in to the Gatehouse dashboard.", is_system: true },
      });
    }
  });
}

async function ensureBootstrapClient(db: Db, config: Env): Promise<boolean> {
  const wanted = config.bootstrapClient;
  if (!wanted) return false;
  const identifier = managementApiIdentifier(config.issuer);
  const grantScopes = MANAGEMENT_API_SCOPE_VALUES.filter((s) => !CURRENT_USER_SCOPES.has(s));
  const existing = await db.client.findUnique({ where: { client_id: wanted.clientId }, select: { client_id: true } });
  let created = false;
  if (!existing) {
    await createClient(
      db,
      {
        name: "Gatehouse Bootstrap (automation)",
        description: "Created from GATEHOUSE_BOOTSTRAP_CLIENT_ID at first start.",
        app_type: "non_interactive",
        grant_types: ["client_credentials"],
        token_endpoint_auth_method: "client_secret_post",
      },
      systemActor("bootstrap"),
      { clientId: wanted.clientId, clientSecret: wanted.clientSecret },
    ).catch((e: unknown) => {
      // Another instance created it first.
      if (!(e instanceof AppError && e.code === "conflict")) throw e;
    });
    created = true;
    logger().info({ client_id: wanted.clientId }, "created the bootstrap client with every Management API scope");
  }
  // Keep its grant complete: scopes added by a newer version are granted too (never removed).
  const grant = await db.clientGrant.findUnique({ where: { client_id_audience: { client_id: wanted.clientId, audience: identifier } } });
  if (!grant) {
    await db.clientGrant
      .create({ data: { id: newClientGrantId(), client_id: wanted.clientId, audience: identifier, scope: grantScopes } })
      .catch((error: unknown) => {
        // Another instance created it first.
        if (!isUniqueViolation(error)) throw error;
      });
  } else if (created || !grantScopes.every((s) => (grant.scope as string[]).includes(s))) {
    const merged = [...new Set([...(grant.scope as string[]), ...grantScopes])];
    await db.clientGrant.update({ where: { id: grant.id }, data: { scope: merged } });
  }
  return created;
}

export async function bootstrap(db: Db, config: Env): Promise<BootstrapReport> {
  const firstStart = await ensureTenant(db, config);
  await ensureManagementApi(db, config);
  await ensureOperatorsConnectionAndRole(db);
  // The dashboard's own OIDC application (lib/dashboard/dashboard-client.ts).
  await ensureDashboardClient(db, config.issuer);
  const createdKeys = await ensureSigningKeys(db);
  const bootstrapClientCreated = await ensureBootstrapClient(db, config);

  let operatorCreated = false;
  let setupUrl: string | null = null;
  if ((await findOperatorCount(db)) === 0) {
    if (config.bootstrapAdmin) {
      await createOperator(db, { email: config.bootstrapAdmin.email, password: config.bootstrapAdmin.password }, systemActor("bootstrap")).catch(
        (error: unknown) => {
          if (error instanceof AppError && error.code === "invalid")
            // A configuration error: the instance refuses to start (lib/boot/boot-at-start.ts).
            throw new EnvError(`Invalid configuration:\n  GATEHOUSE_ADMIN_PASSWORD / GATEHOUSE_ADMIN_EMAIL rejected by the operators' password policy: ${error.message}`);
          throw error;
        },
      );
      operatorCreated = true;
      logger().info({ email: config.bootstrapAdmin.email }, "created the first operator from GATEHOUSE_ADMIN_EMAIL");
    } else {
      const { token } = await createSetupTicket(db);
      setupUrl = `${config.issuer}setup?token=${encodeURIComponent(token)}`;
    }
  }
  return { firstStart, createdKeys, setupUrl, bootstrapClientCreated, operatorCreated };
}
