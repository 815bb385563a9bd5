// /api/v2/connections, /api/v2/connections/{id}/clients and /api/v2/clients/{id}/connections:
// Auth0's connection endpoints (auth0-config-endpoints.md §4). GET /connections answers SDK v7's
// checkpoint requests (`take`/`from`, even with include_totals=true) with `{connections, next?}`,
// and offset callers (v4) with `{start, limit, total, connections}` or a bare array.
import { z } from "zod";
import {
  CONNECTION_STRATEGIES,
  connectionClientsUpdateSchema,
  connectionCreateSchema,
  connectionIdSchema,
  connectionUpdateSchema,
} from "../../schemas/connections.ts";
import { createConnection } from "../../services/connections/create-connection.ts";
import { deleteConnection } from "../../services/connections/delete-connection.ts";
import { getConnection } from "../../services/connections/get-connection.ts";
import { listClientConnections } from "../../services/connections/list-client-connections.ts";
import { listConnectionClients } from "../../services/connections/list-connection-clients.ts";
import { listConnections } from "../../services/connections/list-connections.ts";
import { updateConnectionClients } from "../../services/connections/update-connection-clients.ts";
import { updateConnection } from "../../services/connections/update-connection.ts";
import { defineOperation } from "../operation.ts";
import { checkpointQuery, listBody, listPage, offsetQuery, project, projectionQuery } from "../paging.ts";
import { queryInteger, queryList } from "../validation.ts";

const connectionIdParams = z.object({ id: connectionIdSchema });
const clientIdParams = z.object({ id: z.string().min(1).max(128) });
const strategyFilter = queryList(z.enum(CONNECTION_STRATEGIES));

/** Auth0's default page size for offset listing of connections (OAS: per_page defaults to 100). */
const CONNECTIONS_PER_PAGE = 100;
const CHECKPOINT_TAKE = 50;

export const listConnectionsOperation = defineOperation({
  method: "GET",
  path: "/connections",
  summary: "Get all connections",
  scopes: ["read:connections"],
  query: z.object({
    ...offsetQuery,
    ...checkpointQuery,
    ...projectionQuery,
    strategy: strategyFilter.optional(),
    name: z.string().max(128).optional(),
    domain_alias: z.string().max(255).optional(),
  }),
  successStatus: 200,
  async handler({ db, caller, query }) {
    const page = listPage(query, { defaultPerPage: CONNECTIONS_PER_PAGE, defaultTake: CHECKPOINT_TAKE });
    // Domain aliases belong to enterprise connections, which Gatehouse does not run yet.
    const result =
      query.domain_alias !== undefined
        ? { connections: [], rows: [], total: 0 }
        : await listConnections(
            db,
            {
              strategy: query.strategy,
              name: query.name,
              skip: page.skip,
              after: page.after,
              take: page.fetch,
              withTotal: page.withTotal,
            },
            caller,
          );
    const body = listBody("connections", page, result.rows, result.connections, (row: { id: string }) => row.id, result.total, query);
    return { status: 200, body };
  },
});

export const createConnectionOperation = defineOperation({
  method: "POST",
  path: "/connections",
  summary: "Create a connection",
  scopes: ["create:connections"],
  body: connectionCreateSchema,
  successStatus: 201,
  async handler({ db, caller, body }) {
    return { status: 201, body: await createConnection(db, body, caller) };
  },
});

export const getConnectionOperation = defineOperation({
  method: "GET",
  path: "/connections/{id}",
  summary: "Get a connection",
  scopes: ["read:connections"],
  params: connectionIdParams,
  query: z.object({ ...projectionQuery }),
  successStatus: 200,
  async handler({ db, caller, params, query }) {
    const connection = await getConnection(db, params.id, caller);
    return { status: 200, body: project(connection, query.fields, query.include_fields) };
  },
});

export const updateConnectionOperation = defineOperation({
  method: "PATCH",
  path: "/connections/{id}",
  summary: "Update a connection",
  scopes: ["update:connections"],
  params: connectionIdParams,
  body: connectionUpdateSchema,
  successStatus: 200,
  async handler({ db, caller, params, body }) {
    return { status: 200, body: await updateConnection(db, params.id, body, caller) };
  },
});

export const deleteConnectionOperation = defineOperation({
  method: "DELETE",
  path: "/connections/{id}",
  summary: "Delete a connection",
  scopes: ["delete:connections"],
  params: connectionIdParams,
  // Auth0 answers 202 when it deletes in the background; Gatehouse deletes before answering.
  successStatus: 204,
  async handler({ db, caller, params }) {
    await deleteConnection(db, params.id, caller);
    return { status: 204 };
  },
});

export const listConnectionClientsOperation = defineOperation({
  method: "GET",
  path: "/connections/{id}/clients",
  summary: "Get enabled clients for a connection",
  scopes: ["read:connections"],
  params: connectionIdParams,
  // Checkpoint only; the OAS allows up to 1000 per page.
  query: z.object({ from: checkpointQuery.from, take: queryInteger(1, 1000).optional() }),
  successStatus: 200,
  async handler({ db, caller, params, query }) {
    const page = listPage(query, { defaultTake: CHECKPOINT_TAKE, checkpointOnly: true });
    const rows = await listConnectionClients(db, params.id, { after: page.after, take: page.fetch }, caller);
    return { status: 200, body: listBody("clients", page, rows, rows, (r) => r.client_id, undefined, {}) };
  },
});

export const updateConnectionClientsOperation = defineOperation({
  method: "PATCH",
  path: "/connections/{id}/clients",
  summary: "Update enabled clients for a connection",
  scopes: ["update:connections"],
  params: connectionIdParams,
  body: connectionClientsUpdateSchema,
  successStatus: 204,
  async handler({ db, caller, params, body }) {
    await updateConnectionClients(db, params.id, body, caller);
    return { status: 204 };
  },
});

export const listClientConnectionsOperation = defineOperation({
  method: "GET",
  path: "/clients/{id}/connections",
  summary: "Get enabled connections for a client",
  scopes: ["read:connections"],
  params: clientIdParams,
  query: z.object({ ...checkpointQuery, ...projectionQuery, strategy: strategyFilter.optional() }),
  successStatus: 200,
  async handler({ db, caller, params, query }) {
    const page = listPage(query, { defaultTake: CHECKPOINT_TAKE, checkpointOnly: true });
    const result = await listClientConnections(db, params.id, { strategy: query.strategy, after: page.after, take: page.fetch }, caller);
    return { status: 200, body: listBody("connections", page, result.rows, result.connections, (row) => row.id, undefined, query) };
  },
});
