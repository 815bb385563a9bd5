// /api/v2/resource-servers: Auth0's APIs endpoints. `{id}` is the API's id or its identifier (the
// audience, percent-encoded by the SDKs). PATCH answers 201, as Auth0's OAS says.
import { z } from "zod";
import { resourceServerCreateSchema, resourceServerIdentifierSchema, resourceServerUpdateSchema } from "../../schemas/resource-servers.ts";
import { createResourceServer } from "../../services/resource-servers/create-resource-server.ts";
import { deleteResourceServer } from "../../services/resource-servers/delete-resource-server.ts";
import { getResourceServer } from "../../services/resource-servers/get-resource-server.ts";
import { listResourceServers } from "../../services/resource-servers/list-resource-servers.ts";
import { updateResourceServer } from "../../services/resource-servers/update-resource-server.ts";
import { defineOperation } from "../operation.ts";
import { offsetEnvelope, offsetQuery, offsetWindow, project, projectionQuery } from "../paging.ts";
import { queryList } from "../validation.ts";

/** An id (24 hex) or an identifier: the same characters an identifier may hold. */
const resourceServerParams = z.object({ id: resourceServerIdentifierSchema });

export const listResourceServersOperation = defineOperation({
  method: "GET",
  path: "/resource-servers",
  summary: "Get resource servers",
  scopes: ["read:resource_servers"],
  query: z.object({
    ...offsetQuery,
    ...projectionQuery,
    identifiers: queryList(resourceServerIdentifierSchema)
      .refine((list) => list.length <= 10, "At most 10 identifiers can be given")
      .optional(),
  }),
  successStatus: 200,
  async handler({ db, caller, query }) {
    const window = offsetWindow(query);
    const result = await listResourceServers(
      db,
      { identifiers: query.identifiers, skip: window.skip, take: window.take, withTotal: query.include_totals },
      caller,
    );
    const items = result.resourceServers.map((r) => project(r, query.fields, query.include_fields));
    const body = offsetEnvelope("resource_servers", items, window, result.total, { includeTotals: query.include_totals });
    return { status: 200, body, secretsRead: result.secretsRead };
  },
});

export const createResourceServerOperation = defineOperation({
  method: "POST",
  path: "/resource-servers",
  summary: "Create a resource server",
  scopes: ["create:resource_servers"],
  body: resourceServerCreateSchema,
  successStatus: 201,
  async handler({ db, caller, body }) {
    return { status: 201, body: await createResourceServer(db, body, caller) };
  },
});

export const getResourceServerOperation = defineOperation({
  method: "GET",
  path: "/resource-servers/{id}",
  summary: "Get a resource server",
  scopes: ["read:resource_servers"],
  params: resourceServerParams,
  query: z.object({ ...projectionQuery }),
  successStatus: 200,
  async handler({ db, caller, params, query }) {
    const { resourceServer, secretsRead } = await getResourceServer(db, params.id, caller);
    return { status: 200, body: project(resourceServer, query.fields, query.include_fields), secretsRead };
  },
});

export const updateResourceServerOperation = defineOperation({
  method: "PATCH",
  path: "/resource-servers/{id}",
  summary: "Update a resource server",
  scopes: ["update:resource_servers"],
  params: resourceServerParams,
  body: resourceServerUpdateSchema,
  successStatus: 201,
  async handler({ db, caller, params, body }) {
    return { status: 201, body: await updateResourceServer(db, params.id, body, caller) };
  },
});

export const deleteResourceServerOperation = defineOperation({
  method: "DELETE",
  path: "/resource-servers/{id}",
  summary: "Delete a resource server",
  scopes: ["delete:resource_servers"],
  params: resourceServerParams,
  successStatus: 204,
  async handler({ db, caller, params }) {
    await deleteResourceServer(db, params.id, caller);
    return { status: 204 };
  },
});
