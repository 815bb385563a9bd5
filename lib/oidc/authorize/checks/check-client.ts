// check-client: `client_id` names an existing application (RFC 6749 §4.1.1). Until the client is
// known nothing can be trusted, so failures render the error page (§4.1.2.1).
import { cached } from "../../../cache/config-cache.ts";
import { pageError } from "../authorize-error.ts";
import type { AuthorizeCheck } from "../check-context.ts";

export const checkClient: AuthorizeCheck = {
  name: "check-client",
  async run(context) {
    const clientId = context.params.client_id;
    if (!clientId) throw pageError("invalid_request", "Missing required parameter: client_id");
    const client = await cached(`authorize-client:${clientId}`, async () =>
      (await context.db.client.findUnique({
        where: { client_id: clientId },
        select: { client_id: true, name: true, app_type: true, is_first_party: true, callbacks: true, grant_types: true, token_endpoint_auth_method: true, logo_uri: true },
      })) ?? undefined,
    );
    if (!client) throw pageError("invalid_request", "Unknown client: the application does not exist.");
    context.client = { ...client, callbacks: client.callbacks as string[], grant_types: client.grant_types as string[] };
    context.request.client_id = client.client_id;
  },
};
