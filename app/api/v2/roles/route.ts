import { createRoleOperation, listRolesOperation } from "@/lib/management/routes/roles.ts";

export const dynamic = "force-dynamic";
export const GET = listRolesOperation.handle;
export const POST = createRoleOperation.handle;
