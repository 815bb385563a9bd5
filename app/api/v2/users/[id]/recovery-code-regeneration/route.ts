import { regenerateRecoveryCodeOperation } from "@/lib/management/routes/user-mfa.ts";

export const dynamic = "force-dynamic";
export const POST = regenerateRecoveryCodeOperation.handle;
