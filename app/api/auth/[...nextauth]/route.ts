// next-auth v4: the dashboard's operator sign-in (lib/dashboard/auth-options.ts). /api/auth/signin,
// /api/auth/callback/gatehouse, /api/auth/session, /api/auth/csrf, /api/auth/signout.
import NextAuth from "next-auth";
import { ready } from "@/lib/boot/ready.ts";
import { authOptions } from "@/lib/dashboard/auth-options.ts";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handle(request: Request, context: Context): Promise<Response> {
  // The hosted login page's server action ends with a redirect to the dashboard's callback, which
  // is on this same origin. For same-origin redirects Next.js fetches the target itself, server
  // side, with the RSC header (to stream it back with the action's answer): that fetch would spend
  // the single-use code, and the session cookie it sets would never reach the browser. Refusing
  // RSC requests here makes Next.js fall back to a real browser navigation, which does the callback.
  if (request.headers.get("rsc") === "1" || request.headers.has("next-router-state-tree"))
    return new Response("This endpoint is navigated to, not fetched.", { status: 200, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  // The master secret (and with it the derived client secret) is available once the boot ran.
  await ready();
  return (NextAuth(authOptions()) as unknown as (request: Request, context: Context) => Promise<Response>)(request, context);
}

export { handle as GET, handle as POST };
