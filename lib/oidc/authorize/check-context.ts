// What the /authorize checks share: the raw parameters, the database, and the request they build.
import type { Db } from "../../db/client.ts";
import type { Params } from "../request-params.ts";
import type { AuthorizeRedirectTarget } from "./authorize-error.ts";
import type { AuthorizeClient, AuthorizeRequest } from "./authorize-request.ts";

export type CheckContext = {
  db: Db;
  params: Params;
  client?: AuthorizeClient;
  request: Partial<AuthorizeRequest>;
  /** Database connections enabled for the client (name and id), once check-connection ran. */
  connections?: { id: string; name: string }[];
};

export type AuthorizeCheck = { name: string; run(context: CheckContext): void | Promise<void> };

/** Where errors go once the client and the redirect_uri are validated. */
export function redirectTarget(context: CheckContext): AuthorizeRedirectTarget {
  return {
    redirect_uri: context.request.redirect_uri!,
    state: context.request.state,
    response_mode: context.request.response_mode ?? "query",
  };
}
