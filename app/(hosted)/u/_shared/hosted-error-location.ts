// Where hosted pages and their server actions send a browser when the flow cannot go on: the
// error page (the tenant's custom one when configured, lib/http/error-page-location.ts) with a
// tracking id that is also on the server log line written here; or, for a login transaction that
// expired or was completed, the application's login URL (lost-transaction-destination.ts).
import { headers } from "next/headers";
import type { Db } from "@/lib/db/client.ts";
import { runWithActionRequestContext } from "@/lib/http/action-request-context.ts";
import { errorPageLocation } from "@/lib/http/error-page-location.ts";
import { currentRequestContext } from "@/lib/http/request-context.ts";
import { logger } from "@/lib/logs/logger.ts";
import { lostTransactionDestination } from "@/lib/services/login/lost-transaction-destination.ts";

export const LOST_TRANSACTION_DESCRIPTION = "This sign-in link is invalid or has expired.";

export async function hostedErrorLocation(db: Db, input: { error: string; description: string; clientId?: string }): Promise<string> {
  const run = async () => {
    logger().info({ error: input.error, error_description: input.description, client_id: input.clientId }, "hosted page error");
    return errorPageLocation(db, input);
  };
  return currentRequestContext() ? run() : runWithActionRequestContext(await headers(), run);
}

export async function lostTransactionLocation(db: Db, state: string | null | undefined): Promise<string> {
  return (await lostTransactionDestination(db, state)) ?? hostedErrorLocation(db, { error: "invalid_request", description: LOST_TRANSACTION_DESCRIPTION });
}
