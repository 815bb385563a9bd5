import { listGuardianFactorsOperation } from "@/lib/management/routes/guardian.ts";

export const dynamic = "force-dynamic";
export const GET = listGuardianFactorsOperation.handle;
