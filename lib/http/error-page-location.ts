// Where an error that must not go back to the application is shown: the tenant's custom error page
// when configured (Auth0 passes client_id, connection, lang, error, error_description, tracking),
// else Gatehouse's /u/error. Both are trusted URLs, so this is no open redirect.
import type { Db } from "../db/client.ts";
import { currentRequestId } from "./request-context.ts";

export async function errorPageLocation(db: Db, input: { error: string; description: string; clientId?: string }): Promise<string> {
  const tenant = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { error_page: true } });
  const custom = (tenant?.error_page as { url?: string } | null)?.url;
  const params = new URLSearchParams({
    error: input.error,
    error_description: input.description,
    tracking: currentRequestId() ?? "",
    ...(input.clientId ? { client_id: input.clientId } : {}),
  });
  return custom ? `${custom}${custom.includes("?") ? "&" : "?"}${params}` : `/u/error?${params}`;
}
