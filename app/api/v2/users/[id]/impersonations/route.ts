import { listUserImpersonationsOperation } from "@/lib/management/routes/user-impersonation.ts";

export const dynamic = "force-dynamic";
export const GET = listUserImpersonationsOperation.handle;
