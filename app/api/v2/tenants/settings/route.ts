import { getTenantSettingsOperation, updateTenantSettingsOperation } from "@/lib/management/routes/tenant-settings.ts";

export const dynamic = "force-dynamic";
export const GET = getTenantSettingsOperation.handle;
export const PATCH = updateTenantSettingsOperation.handle;
