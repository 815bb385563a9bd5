import { exportUserDataOperation } from "@/lib/management/routes/user-privacy.ts";

export const dynamic = "force-dynamic";
export const GET = exportUserDataOperation.handle;
