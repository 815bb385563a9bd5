// The home page of an instance: what it is, its issuer, where its public endpoints are, and
// whether it has an operator yet. It never shows a setup token: the link is only in the server log.
import { Wordmark } from "@/components/hosted/wordmark.tsx";
import { ServiceUnavailable } from "@/components/hosted/service-unavailable.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Card } from "@/components/ui/card.tsx";
import { managementApiIdentifier } from "@/lib/boot/bootstrap.ts";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { env } from "@/lib/env.ts";
import { logger } from "@/lib/logs/logger.ts";
import { findOperatorCount } from "@/lib/services/setup/create-operator.ts";

export const dynamic = "force-dynamic";

type InstanceState = { state: "ready"; operators: number } | { state: "unavailable"; message: string };

async function instanceState(): Promise<InstanceState> {
  try {
    return { state: "ready", operators: await findOperatorCount(await ready()) };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { state: "unavailable", message: "Gatehouse cannot reach its database right now." };
    logger().error({ err: error }, "home page: the instance is not ready");
    return { state: "unavailable", message: "Gatehouse has not finished starting." };
  }
}

const linkClass = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800";

export default async function HomePage() {
  const { issuer } = env();
  const instance = await instanceState();
  const endpoints = [
    { path: ".well-known/openid-configuration", name: "OpenID Connect discovery", note: "Endpoints and capabilities, for OIDC client libraries." },
    { path: ".well-known/jwks.json", name: "JSON Web Key Set", note: "Public keys that verify the tokens this instance signs." },
    { path: "health", name: "Liveness", note: "200 while the process serves requests." },
    { path: "ready", name: "Readiness", note: "200 once the database is reachable and the instance is set up; 503 before." },
  ];

  return (
    <div className="mx-auto flex min-h-dvh max-w-3xl flex-col px-4 py-10 sm:py-16">
      <header className="mb-10">
        <Wordmark />
      </header>
      <main id="main" className="flex flex-col gap-6">
        <div className="flex flex-col gap-2">
          <h1 className="text-3xl font-semibold tracking-tight text-slate-900">Gatehouse</h1>
          <p className="text-base text-slate-600">
            A self-hosted, Auth0-compatible identity platform: OpenID Connect, OAuth 2.0 and the Auth0 Management API on your own
            servers.
          </p>
        </div>

        <Card title="This instance">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-4 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="font-medium text-slate-700">Issuer</dt>
            <dd>
              <code data-testid="issuer" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[0.8125rem] break-all text-slate-900">
                {issuer}
              </code>
            </dd>
            <dt className="font-medium text-slate-700">Operator account</dt>
            <dd data-testid="operator-status">
              {instance.state === "unavailable" ? (
                <span className="text-slate-600">Unknown while the database is unavailable.</span>
              ) : instance.operators > 0 ? (
                <span>Set up. Operators sign in to the dashboard (coming in a later version).</span>
              ) : (
                <span>
                  <strong className="font-semibold">Not set up yet.</strong> Open the setup link printed in the server log to
                  create the first operator.
                </span>
              )}
            </dd>
          </dl>
          {instance.state === "unavailable" && (
            <div className="mt-6">
              <ServiceUnavailable message={instance.message} />
            </div>
          )}
        </Card>

        <Card title="Endpoints">
          <ul className="flex flex-col divide-y divide-slate-100 text-sm">
            {endpoints.map((endpoint) => (
              <li key={endpoint.path} className="flex flex-col gap-0.5 py-3 first:pt-0">
                <a href={`/${endpoint.path}`} className={linkClass}>
                  {endpoint.name}
                </a>
                <span className="font-mono text-xs break-all text-slate-500">
                  {issuer}
                  {endpoint.path}
                </span>
                <span className="text-slate-600">{endpoint.note}</span>
              </li>
            ))}
            <li className="flex flex-col gap-0.5 py-3 last:pb-0">
              <span className="font-medium text-slate-900">Management API</span>
              <span className="font-mono text-xs break-all text-slate-500">{managementApiIdentifier(issuer)}</span>
              <span className="text-slate-600">
                Base URL and token audience of the Auth0-compatible Management API v2 (e.g.{" "}
                <code className="font-mono text-xs">GET /api/v2/clients</code>), for machine-to-machine clients.
              </span>
            </li>
          </ul>
        </Card>

        {instance.state === "ready" && instance.operators === 0 && (
          <Alert tone="info" title="First start">
            For automation, set GATEHOUSE_ADMIN_EMAIL and GATEHOUSE_ADMIN_PASSWORD (first operator) or
            GATEHOUSE_BOOTSTRAP_CLIENT_ID and GATEHOUSE_BOOTSTRAP_CLIENT_SECRET (a Management API client) before the first start.
          </Alert>
        )}
      </main>
    </div>
  );
}
