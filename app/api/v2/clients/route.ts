import { createClientOperation, listClientsOperation } from "@/lib/management/routes/clients.ts";

export const dynamic = "force-dynamic";
export const GET = listClientsOperation.handle;
export const POST = createClientOperation.handle;
