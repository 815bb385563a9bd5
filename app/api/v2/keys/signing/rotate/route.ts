import { rotateSigningKeysOperation } from "@/lib/management/routes/signing-keys.ts";

export const dynamic = "force-dynamic";
export const POST = rotateSigningKeysOperation.handle;
