// GET /authorize, validation: an ordered list of named checks (STYLE.md point 2). The order
// matters: until check-client and check-redirect-uri pass, errors render the error page; after
// them, errors go back to the validated redirect_uri.
import type { Db } from "../../db/client.ts";
import type { Params } from "../request-params.ts";
import type { AuthorizeClient, AuthorizeRequest } from "./authorize-request.ts";
import type { AuthorizeCheck, CheckContext } from "./check-context.ts";
import { checkAudience } from "./checks/check-audience.ts";
import { checkClient } from "./checks/check-client.ts";
import { checkConnection } from "./checks/check-connection.ts";
import { checkPkce } from "./checks/check-pkce.ts";
import { checkPrompt } from "./checks/check-prompt.ts";
import { checkRedirectUri } from "./checks/check-redirect-uri.ts";
import { checkResponseMode } from "./checks/check-response-mode.ts";
import { checkResponseType } from "./checks/check-response-type.ts";
import { checkScope } from "./checks/check-scope.ts";

export const AUTHORIZE_CHECKS: readonly AuthorizeCheck[] = [
  checkClient,
  checkRedirectUri,
  checkResponseMode,
  checkResponseType,
  checkPkce,
  checkScope,
  checkPrompt,
  checkAudience,
  checkConnection,
];

export type ValidatedAuthorization = { request: AuthorizeRequest; client: AuthorizeClient; connections: { id: string; name: string }[] };

export async function validateAuthorizeRequest(db: Db, params: Params): Promise<ValidatedAuthorization> {
  const context: CheckContext = { db, params, request: {} };
  for (const check of AUTHORIZE_CHECKS) await check.run(context);
  return { request: context.request as AuthorizeRequest, client: context.client!, connections: context.connections ?? [] };
}
