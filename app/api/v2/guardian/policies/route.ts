import { getGuardianPoliciesOperation, setGuardianPoliciesOperation } from "@/lib/management/routes/guardian.ts";

export const dynamic = "force-dynamic";
export const GET = getGuardianPoliciesOperation.handle;
export const PUT = setGuardianPoliciesOperation.handle;
