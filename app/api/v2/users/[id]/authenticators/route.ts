import { deleteUserAuthenticatorsOperation } from "@/lib/management/routes/user-mfa.ts";

export const dynamic = "force-dynamic";
export const DELETE = deleteUserAuthenticatorsOperation.handle;
