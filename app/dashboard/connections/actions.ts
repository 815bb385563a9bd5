"use server";
// Server actions of the Connections pages: updateConnection, as PATCH /api/v2/connections/{id}.
import { dashboardAction, type ActionResult } from "@/lib/dashboard/dashboard-action.ts";
import { connectionUpdateSchema } from "@/lib/schemas/connections.ts";
import { updateConnection } from "@/lib/services/connections/update-connection.ts";
import { parseOrFail } from "@/components/dashboard/config/zod-action.ts";

export async function updateConnectionAction(csrf: string, id: string, input: unknown): Promise<ActionResult> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    const body = parseOrFail(connectionUpdateSchema, input, (path) => (path[0] === "options" ? String(path[1] ?? "options") : String(path[0] ?? "form")));
    await updateConnection(db, id, body, actor);
    return { message: "Connection saved." };
  });
}
