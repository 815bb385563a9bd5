import { deleteConnectionOperation, getConnectionOperation, updateConnectionOperation } from "@/lib/management/routes/connections.ts";

export const dynamic = "force-dynamic";
export const GET = getConnectionOperation.handle;
export const PATCH = updateConnectionOperation.handle;
export const DELETE = deleteConnectionOperation.handle;
