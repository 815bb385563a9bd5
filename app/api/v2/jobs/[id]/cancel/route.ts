import { cancelJobOperation } from "@/lib/management/routes/jobs.ts";

export const dynamic = "force-dynamic";
export const POST = cancelJobOperation.handle;
