import { clearUserBlocksOperation, listUserBlocksOperation } from "@/lib/management/routes/user-blocks.ts";

export const dynamic = "force-dynamic";
export const GET = listUserBlocksOperation.handle;
export const DELETE = clearUserBlocksOperation.handle;
