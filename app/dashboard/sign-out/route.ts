// POST /dashboard/sign-out: the dashboard's sign-out form (components/dashboard/sign-out-form.tsx).
// A route handler rather than a server action: the next stop, /oidc/logout, is on this same origin,
// and a server action's same-origin redirect is fetched by Next.js server side (which would end the
// SSO session without its cookie ever being cleared in the browser). A 303 makes the browser go.
import { verifyDashboardCsrf } from "@/lib/dashboard/dashboard-csrf.ts";
import { endDashboardSession } from "@/lib/dashboard/sign-out.ts";
import { env } from "@/lib/env.ts";
import { CSRF_FIELD, CsrfError } from "@/lib/security/csrf.ts";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const token = form?.get(CSRF_FIELD);
  try {
    await verifyDashboardCsrf(typeof token === "string" ? token : undefined);
  } catch (error) {
    if (!(error instanceof CsrfError)) throw error;
    return Response.redirect(`${env().issuer}dashboard/sign-in?error=csrf`, 303);
  }
  return new Response(null, { status: 303, headers: { location: await endDashboardSession(), "cache-control": "no-store" } });
}
