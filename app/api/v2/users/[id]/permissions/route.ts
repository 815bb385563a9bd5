import { assignUserPermissionsOperation, listUserPermissionsOperation, removeUserPermissionsOperation } from "@/lib/management/routes/user-permissions.ts";

export const dynamic = "force-dynamic";
export const GET = listUserPermissionsOperation.handle;
export const POST = assignUserPermissionsOperation.handle;
export const DELETE = removeUserPermissionsOperation.handle;
