// GET /u/continue?state=<transaction>: renders the form_post authorization response a hosted
// form's server action left in a signed cookie (see ../_shared/pending-form-post.ts), once.
import { errorPageLocation } from "@/lib/http/error-page-location.ts";
import { formPostPage, redirect } from "@/lib/http/html.ts";
import { protocolRoute } from "@/lib/http/protocol-route.ts";
import { openPendingFormPost, pendingFormPostCookie } from "../_shared/pending-form-post.ts";

export const dynamic = "force-dynamic";

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

export const GET = protocolRoute(async (request, db) => {
  const { name, options } = pendingFormPostCookie(0);
  const pending = openPendingFormPost(cookieValue(request.headers.get("cookie"), name), new URL(request.url).searchParams.get("state"));
  const clear = `${name}=; Path=${options.path}; Max-Age=0; HttpOnly; SameSite=Lax${options.secure ? "; Secure" : ""}`;
  if (!pending) {
    const location = await errorPageLocation(db, {
      error: "invalid_request",
      description: "There is no sign-in to continue here: it was already completed or has expired.",
    });
    return redirect(location, { "set-cookie": clear });
  }
  const response = formPostPage(pending.action, pending.fields);
  response.headers.append("set-cookie", clear);
  return response;
});
