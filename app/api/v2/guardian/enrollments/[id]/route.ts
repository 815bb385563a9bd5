import { deleteGuardianEnrollmentOperation, getGuardianEnrollmentOperation } from "@/lib/management/routes/guardian.ts";

export const dynamic = "force-dynamic";
export const GET = getGuardianEnrollmentOperation.handle;
export const DELETE = deleteGuardianEnrollmentOperation.handle;
