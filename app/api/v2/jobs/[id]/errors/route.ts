import { getJobErrorsOperation } from "@/lib/management/routes/jobs.ts";

export const dynamic = "force-dynamic";
export const GET = getJobErrorsOperation.handle;
