import { getSuspiciousIpThrottlingOperation, updateSuspiciousIpThrottlingOperation } from "@/lib/management/routes/attack-protection.ts";

export const dynamic = "force-dynamic";
export const GET = getSuspiciousIpThrottlingOperation.handle;
export const PATCH = updateSuspiciousIpThrottlingOperation.handle;
