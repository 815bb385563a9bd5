// /u/error?error=&error_description=&tracking=&client_id=: where Gatehouse shows what it must not
// send back to an application (unknown client or redirect_uri, an expired login, a logout to a URL
// that is not allowed, ...), auth0-authentication.md §C.9. Everything from the query is shown as
// text, never as a link: the only links are the tenant's own support address and page, from its
// settings. The tracking id is the request id on the server's log lines about the failure.
import type { Metadata } from "next";
import { Card } from "@/components/ui/card.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Error" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const TITLES: Record<string, string> = {
  invalid_request: "This sign-in request can’t be completed",
  access_denied: "Access denied",
  unauthorized: "Access denied",
  unauthorized_client: "This application can’t sign you in",
  invalid_client: "This application can’t sign you in",
  invalid_scope: "This application asked for something it may not have",
  server_error: "Something went wrong on our side",
  temporarily_unavailable: "The service is temporarily unavailable",
};

const text = (value: string | string[] | undefined, max: number) => (typeof value === "string" ? value.slice(0, max) : "");

function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

const linkClass = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800";

export default async function ErrorPage({ searchParams }: Props) {
  const query = await searchParams;
  const error = text(query.error, 100);
  const description = text(query.error_description, 500);
  const tracking = text(query.tracking, 128);
  const clientId = text(query.client_id, 128);

  let support: { email: string | null; url: string | null; name: string } = { email: null, url: null, name: "Gatehouse" };
  let clientName: string | null = null;
  try {
    const db = await ready();
    const tenant = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { support_email: true, support_url: true, friendly_name: true } });
    const email = tenant?.support_email && /^[^\s@<>"]+@[^\s@<>"]+$/.test(tenant.support_email) ? tenant.support_email : null;
    support = { email, url: httpUrl(tenant?.support_url), name: tenant?.friendly_name ?? "Gatehouse" };
    if (clientId) clientName = (await db.client.findUnique({ where: { client_id: clientId }, select: { name: true } }))?.name ?? null;
  } catch (failure) {
    // The page must render even when the database is the problem.
    if (!isDatabaseUnavailable(failure)) throw failure;
  }

  return (
    <Card title={TITLES[error] ?? "Something went wrong"} headingLevel={1}>
      <div className="flex flex-col gap-4 text-sm text-slate-700">
        <p data-testid="error-description">{description || "The request could not be completed."}</p>
        {clientName && (
          <p>
            Application: <span className="font-medium text-slate-900">{clientName}</span>
          </p>
        )}
        <p>Go back to the application you came from and sign in again.</p>
        {(support.email || support.url) && (
          <p>
            If it keeps happening, contact {support.name} support
            {support.email && (
              <>
                {" "}
                at{" "}
                <a href={`mailto:${support.email}`} className={linkClass}>
                  {support.email}
                </a>
              </>
            )}
            {support.url && (
              <>
                {support.email ? " or" : ""} through{" "}
                <a href={support.url} className={linkClass} rel="noopener noreferrer">
                  its support page
                </a>
              </>
            )}
            .
          </p>
        )}
        {(error || tracking) && (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-md bg-slate-50 p-3 text-xs ring-1 ring-slate-200">
            {error && (
              <>
                <dt className="font-medium text-slate-600">Error</dt>
                <dd>
                  <code className="font-mono" data-testid="error-code">
                    {error}
                  </code>
                </dd>
              </>
            )}
            {tracking && (
              <>
                <dt className="font-medium text-slate-600">Reference</dt>
                <dd>
                  <code className="font-mono break-all" data-testid="error-tracking">
                    {tracking}
                  </code>
                </dd>
              </>
            )}
          </dl>
        )}
      </div>
    </Card>
  );
}
