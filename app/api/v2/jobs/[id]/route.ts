import { getJobOperation } from "@/lib/management/routes/jobs.ts";

export const dynamic = "force-dynamic";
export const GET = getJobOperation.handle;
