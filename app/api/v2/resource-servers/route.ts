import { createResourceServerOperation, listResourceServersOperation } from "@/lib/management/routes/resource-servers.ts";

export const dynamic = "force-dynamic";
export const GET = listResourceServersOperation.handle;
export const POST = createResourceServerOperation.handle;
