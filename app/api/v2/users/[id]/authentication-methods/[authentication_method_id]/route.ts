import { deleteUserAuthenticationMethodOperation, getUserAuthenticationMethodOperation } from "@/lib/management/routes/user-mfa.ts";

export const dynamic = "force-dynamic";
export const GET = getUserAuthenticationMethodOperation.handle;
export const DELETE = deleteUserAuthenticationMethodOperation.handle;
