import { clearUserBlocksByIdentifierOperation, listUserBlocksByIdentifierOperation } from "@/lib/management/routes/user-blocks.ts";

export const dynamic = "force-dynamic";
export const GET = listUserBlocksByIdentifierOperation.handle;
export const DELETE = clearUserBlocksByIdentifierOperation.handle;
