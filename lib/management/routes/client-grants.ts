// /api/v2/client-grants: Auth0's client grants endpoints. SDK v7 lists with checkpoint paging
// (`include_totals=true&take=50`, then `from`) and reads `{client_grants, next}`; SDK v4 may use
// page/per_page (envelope with include_totals, else a bare array).
import { z } from "zod";
import { clientGrantCreateSchema, clientGrantUpdateSchema, clientIdSchema } from "../../schemas/client-grants.ts";
import { resourceServerIdentifierSchema } from "../../schemas/resource-servers.ts";
import { createClientGrant } from "../../services/client-grants/create-client-grant.ts";
import { deleteClientGrant } from "../../services/client-grants/delete-client-grant.ts";
import { getClientGrant } from "../../services/client-grants/get-client-grant.ts";
import { listClientGrants } from "../../services/client-grants/list-client-grants.ts";
import { updateClientGrant } from "../../services/client-grants/update-client-grant.ts";
import { defineOperation } from "../operation.ts";
import { checkpointQuery, listBody, listPage, offsetQuery } from "../paging.ts";
import { queryBoolean } from "../validation.ts";

const clientGrantParams = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "A client grant id is letters, digits, _ and -") });

export const listClientGrantsOperation = defineOperation({
  method: "GET",
  path: "/client-grants",
  summary: "Get client grants",
  scopes: ["read:client_grants"],
  query: z.object({
    ...offsetQuery,
    ...checkpointQuery,
    audience: resourceServerIdentifierSchema.optional(),
    client_id: clientIdSchema.optional(),
    allow_any_organization: queryBoolean.optional(),
    subject_type: z.enum(["client", "user", "anonymous_user"]).optional(),
    default_for: z.enum(["third_party_clients"]).optional(),
  }),
  successStatus: 200,
  async handler({ db, caller, query }) {
    const page = listPage(query);
    const result = await listClientGrants(
      db,
      {
        audience: query.audience,
        client_id: query.client_id,
        allow_any_organization: query.allow_any_organization,
        subject_type: query.subject_type,
        default_for: query.default_for,
        skip: page.skip,
        after: page.after,
        take: page.fetch,
        withTotal: page.withTotal,
      },
      caller,
    );
    const grants = result.clientGrants as Record<string, unknown>[];
    const body = listBody("client_grants", page, grants, grants, (g) => String(g.id), result.total, query);
    return { status: 200, body };
  },
});

export const createClientGrantOperation = defineOperation({
  method: "POST",
  path: "/client-grants",
  summary: "Create client grant",
  scopes: ["create:client_grants"],
  body: clientGrantCreateSchema,
  successStatus: 201,
  async handler({ db, caller, body }) {
    return { status: 201, body: await createClientGrant(db, body, caller) };
  },
});

export const getClientGrantOperation = defineOperation({
  method: "GET",
  path: "/client-grants/{id}",
  summary: "Get client grant",
  scopes: ["read:client_grants"],
  params: clientGrantParams,
  successStatus: 200,
  async handler({ db, caller, params }) {
    return { status: 200, body: await getClientGrant(db, params.id, caller) };
  },
});

export const updateClientGrantOperation = defineOperation({
  method: "PATCH",
  path: "/client-grants/{id}",
  summary: "Update client grant",
  scopes: ["update:client_grants"],
  params: clientGrantParams,
  body: clientGrantUpdateSchema,
  successStatus: 200,
  async handler({ db, caller, params, body }) {
    return { status: 200, body: await updateClientGrant(db, params.id, body, caller) };
  },
});

export const deleteClientGrantOperation = defineOperation({
  method: "DELETE",
  path: "/client-grants/{id}",
  summary: "Delete client grant",
  scopes: ["delete:client_grants"],
  params: clientGrantParams,
  successStatus: 204,
  async handler({ db, caller, params }) {
    await deleteClientGrant(db, params.id, caller);
    return { status: 204 };
  },
});
