import { linkUserIdentityOperation } from "@/lib/management/routes/user-identities.ts";

export const dynamic = "force-dynamic";
export const POST = linkUserIdentityOperation.handle;
