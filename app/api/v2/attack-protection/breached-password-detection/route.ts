import { getBreachedPasswordDetectionOperation, updateBreachedPasswordDetectionOperation } from "@/lib/management/routes/attack-protection.ts";

export const dynamic = "force-dynamic";
export const GET = getBreachedPasswordDetectionOperation.handle;
export const PATCH = updateBreachedPasswordDetectionOperation.handle;
