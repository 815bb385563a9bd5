import { deleteUserAuthenticationMethodsOperation, listUserAuthenticationMethodsOperation } from "@/lib/management/routes/user-mfa.ts";

export const dynamic = "force-dynamic";
export const GET = listUserAuthenticationMethodsOperation.handle;
export const DELETE = deleteUserAuthenticationMethodsOperation.handle;
