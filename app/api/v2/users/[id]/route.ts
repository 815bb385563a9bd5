import { deleteUserOperation, getUserOperation, updateUserOperation } from "@/lib/management/routes/users.ts";

export const dynamic = "force-dynamic";
export const GET = getUserOperation.handle;
export const PATCH = updateUserOperation.handle;
export const DELETE = deleteUserOperation.handle;
