"use server";
// Server actions of the APIs pages: the services behind /api/v2/resource-servers, same schemas.
import { redirect } from "next/navigation";
import { dashboardAction, type ActionResult } from "@/lib/dashboard/dashboard-action.ts";
import { resourceServerCreateSchema, resourceServerUpdateSchema } from "@/lib/schemas/resource-servers.ts";
import { createResourceServer } from "@/lib/services/resource-servers/create-resource-server.ts";
import { updateResourceServer } from "@/lib/services/resource-servers/update-resource-server.ts";
import { parseOrFail } from "@/components/dashboard/config/zod-action.ts";

export async function createApiAction(csrf: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await dashboardAction(csrf, async ({ db, actor }) => {
    const body = parseOrFail(resourceServerCreateSchema, input);
    const created = await createResourceServer(db, body, actor);
    return { message: `API ${String(created.name)} created.`, data: { id: String(created.id) } };
  });
  if (result.ok) redirect(`/dashboard/apis/${encodeURIComponent(result.data!.id)}`);
  return result;
}

export async function updateApiAction(csrf: string, id: string, input: unknown): Promise<ActionResult> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    const body = parseOrFail(resourceServerUpdateSchema, input);
    await updateResourceServer(db, id, body, actor);
    return { message: "API saved." };
  });
}
