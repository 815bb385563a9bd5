import { deleteRoleOperation, getRoleOperation, updateRoleOperation } from "@/lib/management/routes/roles.ts";

export const dynamic = "force-dynamic";
export const GET = getRoleOperation.handle;
export const PATCH = updateRoleOperation.handle;
export const DELETE = deleteRoleOperation.handle;
