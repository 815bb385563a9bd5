import { listClientConnectionsOperation } from "@/lib/management/routes/connections.ts";

export const dynamic = "force-dynamic";
export const GET = listClientConnectionsOperation.handle;
