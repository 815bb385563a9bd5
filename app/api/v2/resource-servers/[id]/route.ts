import { deleteResourceServerOperation, getResourceServerOperation, updateResourceServerOperation } from "@/lib/management/routes/resource-servers.ts";

export const dynamic = "force-dynamic";
export const GET = getResourceServerOperation.handle;
export const PATCH = updateResourceServerOperation.handle;
export const DELETE = deleteResourceServerOperation.handle;
