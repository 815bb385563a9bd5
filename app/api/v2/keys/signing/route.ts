import { listSigningKeysOperation } from "@/lib/management/routes/signing-keys.ts";

export const dynamic = "force-dynamic";
export const GET = listSigningKeysOperation.handle;
