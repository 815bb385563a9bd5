import { assignRoleUsersOperation, listRoleUsersOperation } from "@/lib/management/routes/role-users.ts";

export const dynamic = "force-dynamic";
export const GET = listRoleUsersOperation.handle;
export const POST = assignRoleUsersOperation.handle;
