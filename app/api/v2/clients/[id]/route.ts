import { deleteClientOperation, getClientOperation, updateClientOperation } from "@/lib/management/routes/clients.ts";

export const dynamic = "force-dynamic";
export const GET = getClientOperation.handle;
export const PATCH = updateClientOperation.handle;
export const DELETE = deleteClientOperation.handle;
