import { assignUserRolesOperation, listUserRolesOperation, removeUserRolesOperation } from "@/lib/management/routes/user-roles.ts";

export const dynamic = "force-dynamic";
export const GET = listUserRolesOperation.handle;
export const POST = assignUserRolesOperation.handle;
export const DELETE = removeUserRolesOperation.handle;
