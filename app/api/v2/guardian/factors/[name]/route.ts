import { setGuardianFactorOperation } from "@/lib/management/routes/guardian.ts";

export const dynamic = "force-dynamic";
export const PUT = setGuardianFactorOperation.handle;
