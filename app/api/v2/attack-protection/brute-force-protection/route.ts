import { getBruteForceProtectionOperation, updateBruteForceProtectionOperation } from "@/lib/management/routes/attack-protection.ts";

export const dynamic = "force-dynamic";
export const GET = getBruteForceProtectionOperation.handle;
export const PATCH = updateBruteForceProtectionOperation.handle;
