import { rotateClientSecretOperation } from "@/lib/management/routes/clients.ts";

export const dynamic = "force-dynamic";
export const POST = rotateClientSecretOperation.handle;
