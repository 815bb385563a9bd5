// Splits a validated create/update body into the columns Gatehouse acts on and the Auth0
// properties it only stores (Client.extra).
import { CLIENT_PASSTHROUGH_FIELDS } from "../../schemas/clients.ts";

/** Stored as given: pure passthrough, plus settings accepted only in their "off" position. */
const PASSTHROUGH = new Set<string>([
  ...CLIENT_PASSTHROUGH_FIELDS,
  "require_pushed_authorization_requests",
  "require_proof_of_possession",
  "compliance_level",
  "skip_non_verifiable_callback_uri_confirmation_prompt",
]);

export function splitClientInput<T extends Record<string, unknown>>(input: T): { columns: Record<string, unknown>; extra: Record<string, unknown> } {
  const columns: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (PASSTHROUGH.has(key)) extra[key] = value;
    else columns[key] = value;
  }
  return { columns, extra };
}
