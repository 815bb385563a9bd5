import { revokeSigningKeyOperation } from "@/lib/management/routes/signing-keys.ts";

export const dynamic = "force-dynamic";
export const PUT = revokeSigningKeyOperation.handle;
