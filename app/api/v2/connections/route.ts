import { createConnectionOperation, listConnectionsOperation } from "@/lib/management/routes/connections.ts";

export const dynamic = "force-dynamic";
export const GET = listConnectionsOperation.handle;
export const POST = createConnectionOperation.handle;
