import { errorPageLocation } from "@/lib/http/error-page-location.ts";
import { formPostPage, redirect } from "@/lib/http/html.ts";
import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { AuthorizeError } from "@/lib/oidc/authorize/authorize-error.ts";
import { authorize } from "@/lib/oidc/authorize/authorize.ts";
import { paramsFromSearch } from "@/lib/oidc/request-params.ts";
import { readSessionCookie } from "@/lib/oidc/sessions/session-cookie.ts";
import { OAuthError } from "@/lib/oidc/errors.ts";

export const dynamic = "force-dynamic";

export const GET = protocolRoute(async (request, db) => {
  const search = new URL(request.url).searchParams;
  const params: Record<string, string> = { client_id: search.get("client_id") ?? "" };
  try {
    Object.assign(params, paramsFromSearch(search));
    const outcome = await authorize(db, { params, sessionCookie: readSessionCookie(request.headers.get("cookie")) });
    if (outcome.kind === "interaction") return redirect(outcome.location);
    return outcome.response.kind === "redirect" ? redirect(outcome.response.location) : formPostPage(outcome.response.action, outcome.response.fields);
  } catch (error) {
    if (error instanceof AuthorizeError || error instanceof OAuthError)
      return redirect(await errorPageLocation(db, { error: error.error, description: error instanceof AuthorizeError ? error.description : error.description, clientId: params.client_id }));
    throw error;
  }
});
