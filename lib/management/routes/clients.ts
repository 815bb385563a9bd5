// /api/v2/clients: Auth0's Applications endpoints.
import { z } from "zod";
import { clientCreateSchema, clientUpdateSchema } from "../../schemas/clients.ts";
import { createClient } from "../../services/clients/create-client.ts";
import { deleteClient } from "../../services/clients/delete-client.ts";
import { getClient } from "../../services/clients/get-client.ts";
import { listClients } from "../../services/clients/list-clients.ts";
import { rotateClientSecret } from "../../services/clients/rotate-client-secret.ts";
import { updateClient } from "../../services/clients/update-client.ts";
import { defineOperation } from "../operation.ts";
import { checkpointQuery, listBody, listPage, offsetQuery, project, projectionQuery } from "../paging.ts";
import { queryBoolean, queryCsv } from "../validation.ts";

const clientIdParams = z.object({ id: z.string().min(1).max(128) });

export const listClientsOperation = defineOperation({
  method: "GET",
  path: "/clients",
  summary: "Get clients",
  scopes: ["read:clients", "read:client_keys"],
  query: z.object({
    ...offsetQuery,
    ...checkpointQuery,
    ...projectionQuery,
    is_global: queryBoolean.optional(),
    is_first_party: queryBoolean.optional(),
    app_type: queryCsv.optional(),
    client_ids: queryCsv.optional(),
    q: z.string().max(1024).optional(),
  }),
  successStatus: 200,
  async handler({ db, caller, query }) {
    const page = listPage(query);
    const result = await listClients(
      db,
      {
        app_type: query.app_type,
        is_first_party: query.is_first_party,
        is_global: query.is_global,
        client_ids: query.client_ids,
        skip: page.skip,
        after: page.after,
        take: page.fetch,
        withTotal: page.withTotal,
      },
      caller,
    );
    const body = listBody("clients", page, result.rows, result.clients, (row) => row.client_id, result.total, query);
    return { status: 200, body, secretsRead: result.secretsRead };
  },
});

export const createClientOperation = defineOperation({
  method: "POST",
  path: "/clients",
  summary: "Create a client",
  scopes: ["create:clients"],
  body: clientCreateSchema,
  successStatus: 201,
  async handler({ db, caller, body }) {
    const { response } = await createClient(db, body, caller);
    return { status: 201, body: response };
  },
});

export const getClientOperation = defineOperation({
  method: "GET",
  path: "/clients/{id}",
  summary: "Get a client",
  scopes: ["read:clients", "read:client_keys"],
  params: clientIdParams,
  query: z.object({ ...projectionQuery }),
  successStatus: 200,
  async handler({ db, caller, params, query }) {
    const { client, secretsRead } = await getClient(db, params.id, caller);
    return { status: 200, body: project(client, query.fields, query.include_fields), secretsRead };
  },
});

export const updateClientOperation = defineOperation({
  method: "PATCH",
  path: "/clients/{id}",
  summary: "Update a client",
  scopes: ["update:clients", "update:client_keys"],
  params: clientIdParams,
  body: clientUpdateSchema,
  successStatus: 200,
  async handler({ db, caller, params, body }) {
    return { status: 200, body: await updateClient(db, params.id, body, caller) };
  },
});

export const deleteClientOperation = defineOperation({
  method: "DELETE",
  path: "/clients/{id}",
  summary: "Delete a client",
  scopes: ["delete:clients"],
  params: clientIdParams,
  successStatus: 204,
  async handler({ db, caller, params }) {
    await deleteClient(db, params.id, caller);
    return { status: 204 };
  },
});

export const rotateClientSecretOperation = defineOperation({
  method: "POST",
  path: "/clients/{id}/rotate-secret",
  summary: "Rotate a client secret",
  scopes: ["update:client_keys"],
  params: clientIdParams,
  successStatus: 200,
  async handler({ db, caller, params }) {
    return { status: 200, body: await rotateClientSecret(db, params.id, caller) };
  },
});
