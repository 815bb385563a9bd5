// The Auth0 properties of a validated create/update body that Gatehouse only stores
// (ResourceServer.extra) and returns as given. The schema has already refused every value
// Gatehouse cannot honour.
import { RESOURCE_SERVER_PASSTHROUGH_FIELDS } from "../../schemas/resource-servers.ts";

export function passthroughOf(input: Partial<Record<(typeof RESOURCE_SERVER_PASSTHROUGH_FIELDS)[number], unknown>>): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const key of RESOURCE_SERVER_PASSTHROUGH_FIELDS) if (input[key] !== undefined) extra[key] = input[key];
  return extra;
}
