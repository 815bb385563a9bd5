import { listConnectionClientsOperation, updateConnectionClientsOperation } from "@/lib/management/routes/connections.ts";

export const dynamic = "force-dynamic";
export const GET = listConnectionClientsOperation.handle;
export const PATCH = updateConnectionClientsOperation.handle;
