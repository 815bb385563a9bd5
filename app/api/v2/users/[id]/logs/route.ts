import { listUserLogsOperation } from "@/lib/management/routes/user-logs.ts";

export const dynamic = "force-dynamic";
export const GET = listUserLogsOperation.handle;
