import { unlinkUserIdentityOperation } from "@/lib/management/routes/user-identities.ts";

export const dynamic = "force-dynamic";
export const DELETE = unlinkUserIdentityOperation.handle;
