// How /authorize answers the client: a 302 with the parameters in the query, or an auto-posting
// form (OAuth 2.0 Form Post Response Mode). Always with `iss` (RFC 9207, mix-up defence).
import { env } from "../../env.ts";
import type { AuthorizeRedirectTarget } from "./authorize-error.ts";

export type AuthorizationResponse =
  | { kind: "redirect"; location: string }
  | { kind: "form_post"; action: string; fields: Record<string, string> };

export function authorizationResponse(target: AuthorizeRedirectTarget, values: Record<string, string | undefined>): AuthorizationResponse {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...values, state: target.state, iss: env().issuer })) if (v !== undefined) fields[k] = v;
  if (target.response_mode === "form_post") return { kind: "form_post", action: target.redirect_uri, fields };
  const url = new URL(target.redirect_uri);
  for (const [k, v] of Object.entries(fields)) url.searchParams.set(k, v);
  return { kind: "redirect", location: url.toString() };
}
