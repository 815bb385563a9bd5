// Every Management API operation, for the OpenAPI document and the wiring test
// (tests/api/operations-wiring.db.test.ts checks each is served at its path and method).
import type { Operation } from "../operation.ts";
import * as clientGrants from "./client-grants.ts";
import * as clients from "./clients.ts";
import * as connections from "./connections.ts";
import * as logs from "./logs.ts";
import * as resourceServers from "./resource-servers.ts";
import * as roles from "./roles.ts";
import * as signingKeys from "./signing-keys.ts";
import * as tenantSettings from "./tenant-settings.ts";

const isOperation = (value: unknown): value is Operation =>
  typeof value === "object" && value !== null && "handle" in value && "method" in value && "path" in value;

export const MANAGEMENT_OPERATIONS: readonly Operation[] = [clients, clientGrants, connections, logs, resourceServers, roles, signingKeys, tenantSettings]
  .flatMap((module) => Object.values(module).filter(isOperation))
  .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
