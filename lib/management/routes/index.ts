// Every Management API operation, for the OpenAPI document and the wiring test
// (tests/api/operations-wiring.db.test.ts checks each is served at its path and method).
import type { Operation } from "../operation.ts";
import * as attackProtection from "./attack-protection.ts";
import * as clientGrants from "./client-grants.ts";
import * as clients from "./clients.ts";
import * as connections from "./connections.ts";
import * as jobs from "./jobs.ts";
import * as logs from "./logs.ts";
import * as resourceServers from "./resource-servers.ts";
import * as roleUsers from "./role-users.ts";
import * as roles from "./roles.ts";
import * as signingKeys from "./signing-keys.ts";
import * as tenantSettings from "./tenant-settings.ts";
import * as guardian from "./guardian.ts";
import * as tickets from "./tickets.ts";
import * as userBlocks from "./user-blocks.ts";
import * as userIdentities from "./user-identities.ts";
import * as userImpersonation from "./user-impersonation.ts";
import * as userLogs from "./user-logs.ts";
import * as userMfa from "./user-mfa.ts";
import * as userPermissions from "./user-permissions.ts";
import * as userPrivacy from "./user-privacy.ts";
import * as userRoles from "./user-roles.ts";
import * as users from "./users.ts";
import * as usersSearch from "./users-search.ts";

const isOperation = (value: unknown): value is Operation =>
  typeof value === "object" && value !== null && "handle" in value && "method" in value && "path" in value;

export const MANAGEMENT_OPERATIONS: readonly Operation[] = [clients, clientGrants, connections, logs, resourceServers, roles, signingKeys, tenantSettings, usersSearch,
  // Users except listing/searching (issue 3, U1).
  users, userRoles, userPermissions, userLogs, userIdentities, userBlocks, tickets, roleUsers,
  // Attack protection settings (issue 4, H2).
  attackProtection,
  // GDPR export and erasure, Gatehouse extensions (issue 6).
  userPrivacy,
  // Impersonation, a Gatehouse extension (issue 5).
  userImpersonation,
  // Jobs: users imports/exports, verification emails (issue 6).
  jobs,
  // Multi-factor authentication: Guardian settings and a user's authenticators (issue 5).
  guardian, userMfa]
  .flatMap((module) => Object.values(module).filter(isOperation))
  .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
