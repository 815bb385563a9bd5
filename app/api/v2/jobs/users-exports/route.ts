import { createUsersExportJobOperation } from "@/lib/management/routes/jobs.ts";

export const dynamic = "force-dynamic";
export const POST = createUsersExportJobOperation.handle;
