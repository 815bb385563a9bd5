import { listUserEnrollmentsOperation } from "@/lib/management/routes/user-mfa.ts";

export const dynamic = "force-dynamic";
export const GET = listUserEnrollmentsOperation.handle;
