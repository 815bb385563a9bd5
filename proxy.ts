// Next.js proxy (formerly middleware): gives every browser that opens a page with a form the CSRF
// cookie its forms are verified against (lib/security/csrf.ts). Server components cannot set
// cookies, so it is set here on the GET that renders the form, and added to that same request so
// the page can already sign the hidden field.
//
// Only pages with forms are matched: protocol and API routes never see this code. Add a new form
// page's path to `matcher` (its server action is a POST to the same path).
import { NextResponse, type NextRequest } from "next/server";
import { csrfCookie, isCsrfCookieValue, newCsrfCookieValue } from "@/lib/security/csrf.ts";

/**
 * Pages with forms are never framed by another site (clickjacking: an invisible consent or logout
 * page under a decoy button). Both headers, for browsers that know only one of them.
 */
function noFraming(response: NextResponse): NextResponse {
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("content-security-policy", "frame-ancestors 'none'");
  return response;
}

export function proxy(request: NextRequest): NextResponse {
  if (request.method !== "GET" && request.method !== "HEAD") return noFraming(NextResponse.next());
  const { name, options } = csrfCookie();
  if (isCsrfCookieValue(request.cookies.get(name)?.value)) return noFraming(NextResponse.next());
  const value = newCsrfCookieValue();
  request.cookies.set(name, value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(name, value, options);
  return noFraming(response);
}

export const config = {
  // /setup is the first-operator form; /u/* (hosted login pages) and /dashboard/* will hold forms.
  // /dashboard/jobs/import-upload is left out: the proxy would buffer (and cut at 10 MB) the
  // streamed import file; its CSRF cookie was set by the Jobs page's GET.
  matcher: ["/setup/:path*", "/u/:path*", "/dashboard", "/dashboard/((?!jobs/import-upload).*)"],
};
