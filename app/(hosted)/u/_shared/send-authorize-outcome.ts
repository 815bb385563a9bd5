// Ends a hosted form's server action with what /authorize decided next: another hosted page (e.g.
// consent), or the authorization response to the application — a redirect, or for
// response_mode=form_post the /u/continue page (pending-form-post.ts). Every location comes from
// lib/oidc (a validated redirect_uri or a hosted page), never from the request.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { AuthorizeOutcome } from "@/lib/oidc/authorize/authorize.ts";
import { pendingFormPostCookie, sealPendingFormPost } from "./pending-form-post.ts";

export async function sendAuthorizeOutcome(outcome: AuthorizeOutcome, transactionId: string): Promise<never> {
  if (outcome.kind === "interaction") redirect(outcome.location);
  const { response } = outcome;
  if (response.kind === "redirect") redirect(response.location);
  const { name, options } = pendingFormPostCookie();
  (await cookies()).set(name, sealPendingFormPost(transactionId, { action: response.action, fields: response.fields }), options);
  redirect(`/u/continue?state=${encodeURIComponent(transactionId)}`);
}
