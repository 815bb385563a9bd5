import { impersonateUserOperation } from "@/lib/management/routes/user-impersonation.ts";

export const dynamic = "force-dynamic";
export const POST = impersonateUserOperation.handle;
