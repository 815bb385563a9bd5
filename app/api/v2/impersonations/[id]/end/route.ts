import { endImpersonationOperation } from "@/lib/management/routes/user-impersonation.ts";

export const dynamic = "force-dynamic";
export const POST = endImpersonationOperation.handle;
