// /api/v2/tenants/settings
import { tenantSettingsUpdateSchema } from "../../schemas/tenant-settings.ts";
import { getTenantSettings, updateTenantSettings } from "../../services/tenant/tenant-settings.ts";
import { defineOperation } from "../operation.ts";
import { project, projectionQuery } from "../paging.ts";
import { z } from "zod";

export const getTenantSettingsOperation = defineOperation({
  method: "GET",
  path: "/tenants/settings",
  summary: "Get tenant settings",
  scopes: ["read:tenant_settings"],
  query: z.object({ ...projectionQuery }),
  successStatus: 200,
  async handler({ db, query }) {
    return { status: 200, body: project(await getTenantSettings(db), query.fields, query.include_fields) };
  },
});

export const updateTenantSettingsOperation = defineOperation({
  method: "PATCH",
  path: "/tenants/settings",
  summary: "Update tenant settings",
  scopes: ["update:tenant_settings"],
  body: tenantSettingsUpdateSchema,
  successStatus: 200,
  async handler({ db, caller, body }) {
    return { status: 200, body: await updateTenantSettings(db, body, caller) };
  },
});
