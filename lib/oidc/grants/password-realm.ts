// grant_type=http://auth0.com/oauth/grant-type/password-realm (auth0-authentication.md §3.3): the
// password grant against the connection named by `realm` (the auth0 SDK switches to it whenever a
// realm is given). Same rules and answers as ./password.ts.
import type { Db } from "../../db/client.ts";
import type { AuthenticatedClient } from "../client-authentication.ts";
import type { Params } from "../request-params.ts";
import { PASSWORD_REALM_GRANT, resourceOwnerPasswordGrant, type GrantRequest } from "./password.ts";

export function passwordRealmGrant(db: Db, client: AuthenticatedClient, params: Params, request: GrantRequest = {}) {
  return resourceOwnerPasswordGrant(db, client, params, request, PASSWORD_REALM_GRANT);
}
