import { deleteClientGrantOperation, getClientGrantOperation, updateClientGrantOperation } from "@/lib/management/routes/client-grants.ts";

export const dynamic = "force-dynamic";
export const GET = getClientGrantOperation.handle;
export const PATCH = updateClientGrantOperation.handle;
export const DELETE = deleteClientGrantOperation.handle;
