import { getLogOperation } from "@/lib/management/routes/logs.ts";

export const dynamic = "force-dynamic";
export const GET = getLogOperation.handle;
