import { listUsersByEmailOperation } from "@/lib/management/routes/users.ts";

export const dynamic = "force-dynamic";
export const GET = listUsersByEmailOperation.handle;
