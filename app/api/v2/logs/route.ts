import { listLogsOperation } from "@/lib/management/routes/logs.ts";

export const dynamic = "force-dynamic";
export const GET = listLogsOperation.handle;
