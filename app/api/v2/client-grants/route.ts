import { createClientGrantOperation, listClientGrantsOperation } from "@/lib/management/routes/client-grants.ts";

export const dynamic = "force-dynamic";
export const GET = listClientGrantsOperation.handle;
export const POST = createClientGrantOperation.handle;
