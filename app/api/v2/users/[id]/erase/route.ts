import { eraseUserOperation } from "@/lib/management/routes/user-privacy.ts";

export const dynamic = "force-dynamic";
export const POST = eraseUserOperation.handle;
