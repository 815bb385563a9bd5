"use server";
// Server actions of the Applications pages: the services the Management API's /clients and
// /connections/{id}/clients routes call, validated with the same zod schemas.
import { redirect } from "next/navigation";
import { ActionFailure, dashboardAction, type ActionResult } from "@/lib/dashboard/dashboard-action.ts";
import type { Db } from "@/lib/db/client.ts";
import { writeLogEvent } from "@/lib/logs/write-log-event.ts";
import { clientCreateSchema, clientUpdateSchema } from "@/lib/schemas/clients.ts";
import { connectionClientsUpdateSchema } from "@/lib/schemas/connections.ts";
import { createClient } from "@/lib/services/clients/create-client.ts";
import { getClientRowOrThrow } from "@/lib/services/clients/get-client.ts";
import { revealClientSecrets } from "@/lib/services/clients/reveal-client-secrets.ts";
import { rotateClientSecret } from "@/lib/services/clients/rotate-client-secret.ts";
import { updateClient } from "@/lib/services/clients/update-client.ts";
import { updateConnectionClients } from "@/lib/services/connections/update-connection-clients.ts";
import { parseOrFail } from "@/components/dashboard/config/zod-action.ts";

/** Gatehouse's own applications are shown, not edited, in the dashboard (an edit could lock operators out). */
async function assertEditable(db: Db, clientId: string): Promise<void> {
  const row = await getClientRowOrThrow(db, clientId);
  if (row.is_system) throw new ActionFailure("This application is managed by Gatehouse: its settings and secret cannot be changed from the dashboard.");
}

export async function createApplicationAction(csrf: string, input: unknown): Promise<ActionResult<{ client_id: string }>> {
  const result = await dashboardAction(csrf, async ({ db, actor }) => {
    const body = parseOrFail(clientCreateSchema, input);
    const { client } = await createClient(db, body, actor);
    return { message: `Application ${client.name} created.`, data: { client_id: client.client_id } };
  });
  if (result.ok) redirect(`/dashboard/applications/${encodeURIComponent(result.data!.client_id)}?created=1`);
  return result;
}

export async function updateApplicationAction(csrf: string, clientId: string, input: unknown): Promise<ActionResult> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    await assertEditable(db, clientId);
    const body = parseOrFail(clientUpdateSchema, input);
    await updateClient(db, clientId, body, actor);
    return { message: "Application settings saved." };
  });
}

/** Enables and disables connections for the application (PATCH /connections/{id}/clients, one per connection). */
export async function updateApplicationConnectionsAction(csrf: string, clientId: string, changes: { connection_id: string; enabled: boolean }[]): Promise<ActionResult> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    for (const change of changes) {
      const body = parseOrFail(connectionClientsUpdateSchema, [{ client_id: clientId, status: change.enabled }]);
      await updateConnectionClients(db, change.connection_id, body, actor);
    }
    return { message: changes.length ? "Connections saved." : "Nothing to save: no connection changed." };
  });
}

export async function rotateSecretAction(csrf: string, clientId: string): Promise<ActionResult> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    await assertEditable(db, clientId);
    await rotateClientSecret(db, clientId, actor);
    return { message: "Secret rotated: the old secret no longer works. Show the new one to copy it." };
  });
}

/** The secret, shown on demand; recorded like the Management API's secret reads (mgmt_api_read). */
export async function revealSecretAction(csrf: string, clientId: string): Promise<ActionResult<{ secret: string | null }>> {
  return dashboardAction(csrf, async ({ db, operator }) => {
    await assertEditable(db, clientId);
    const row = await getClientRowOrThrow(db, clientId);
    const secret = (await revealClientSecrets(db, [clientId])).get(clientId) ?? null;
    await writeLogEvent(db, {
      type: "mgmt_api_read",
      description: "Dashboard: application secret shown",
      client_id: row.client_id,
      client_name: row.name,
      user_id: operator.user_id,
      user_name: operator.email,
      details: { accessedSecrets: true, operator: { user_id: operator.user_id, email: operator.email } },
    });
    return { message: secret ? "Secret shown. It hides again when you leave the page." : "This application has no secret.", data: { secret } };
  });
}
