// check-connection: the application must have a database connection enabled, and `connection`,
// when given, must be one of them (Auth0: invalid_request "the connection was not found" /
// "the connection was disabled"). Only enabled connections are offered on the login page.
import { cached } from "../../../cache/config-cache.ts";
import { AuthorizeError } from "../authorize-error.ts";
import { redirectTarget, type AuthorizeCheck } from "../check-context.ts";

export const checkConnection: AuthorizeCheck = {
  name: "check-connection",
  async run(context) {
    const clientId = context.client!.client_id;
    const enabled = await cached(`client-connections:${clientId}`, () =>
      context.db.connection.findMany({
        where: { strategy: "auth0", clients: { some: { client_id: clientId } } },
        select: { id: true, name: true },
        orderBy: { created_at: "asc" },
      }),
    );
    const requested = context.params.connection;
    if (requested) {
      const match = enabled.find((c) => c.name === requested);
      if (!match) {
        const exists = await context.db.connection.findUnique({ where: { name: requested }, select: { id: true } });
        throw new AuthorizeError("invalid_request", exists ? "the connection was disabled" : "the connection was not found", redirectTarget(context));
      }
      context.request.connection = requested;
    }
    if (enabled.length === 0)
      throw new AuthorizeError("invalid_request", "no connections enabled for the client", redirectTarget(context));
    context.connections = enabled;
  },
};
