import { addRolePermissionsOperation, listRolePermissionsOperation, removeRolePermissionsOperation } from "@/lib/management/routes/roles.ts";

export const dynamic = "force-dynamic";
export const GET = listRolePermissionsOperation.handle;
export const POST = addRolePermissionsOperation.handle;
export const DELETE = removeRolePermissionsOperation.handle;
