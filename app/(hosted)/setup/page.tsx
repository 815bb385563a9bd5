// /setup?token=...: the one-time link printed in the server log while no operator exists. Shows the
// first-operator form when the link is live and no operator exists; otherwise an explanation,
// never a redirect.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { ServiceUnavailable } from "@/components/hosted/service-unavailable.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Card } from "@/components/ui/card.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { csrfCookie, csrfToken } from "@/lib/security/csrf.ts";
import { findSetupLink, type SetupLinkStatus } from "@/lib/services/setup/find-setup-link.ts";
import { SETUP_CSRF_PURPOSE } from "./setup-constants.ts";
import { SetupForm } from "./setup-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up Gatehouse" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SetupPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const setupToken = typeof token === "string" ? token : undefined;

  let link: SetupLinkStatus;
  try {
    link = await findSetupLink(await ready(), setupToken);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return (
      <Card title="Set up Gatehouse" headingLevel={1}>
        <ServiceUnavailable />
      </Card>
    );
  }

  if (link.status === "invalid") {
    return (
      <Card title="This setup link can’t be used" headingLevel={1}>
        <Alert tone="error">This setup link is invalid, expired or already used.</Alert>
        <p className="mt-4 text-sm text-slate-600">
          While no operator account exists, Gatehouse prints a new one-time setup link in its log each time it starts. Restart
          it and open the new link, or copy the whole link again if part of it was lost.
        </p>
      </Card>
    );
  }
  if (link.status === "operator_exists") {
    return (
      <Card title="Setup is already done" headingLevel={1}>
        <Alert tone="info">An operator already exists — sign in instead.</Alert>
        <p className="mt-4 text-sm text-slate-600">Setup links only create the first operator. Further operators are invited by an existing one.</p>
      </Card>
    );
  }

  // proxy.ts sets the CSRF cookie on this GET; without it (cookies blocked) the form cannot be sent.
  const cookieValue = (await cookies()).get(csrfCookie().name)?.value;
  return (
    <Card
      title="Create the first operator"
      headingLevel={1}
      description="Operators manage this Gatehouse instance: applications, users, connections and settings. This link works once."
    >
      {!cookieValue && (
        <Alert tone="warning" className="mb-5">
          Cookies appear to be blocked. Allow cookies for this site, then reload the page: the form needs one to protect you.
        </Alert>
      )}
      <SetupForm token={setupToken ?? ""} csrfToken={cookieValue ? csrfToken(cookieValue, SETUP_CSRF_PURPOSE) : ""} passwordPolicy={link.passwordPolicy} />
    </Card>
  );
}
