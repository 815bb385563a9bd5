// /u/reset-verify?ticket=...: the link of the password-reset email (and of Management API
// password-change tickets), auth0-authentication.md C.4. Shows the new-password form while the
// ticket is usable; the ticket is consumed only when the new password is accepted. An unusable
// link (unknown, expired, used, superseded) gets one explanation, whichever it is.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { ServiceUnavailable } from "@/components/hosted/service-unavailable.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Card } from "@/components/ui/card.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { csrfCookie, csrfToken } from "@/lib/security/csrf.ts";
import { findPasswordResetTicket, type PasswordResetTicket } from "@/lib/services/authentication/reset-password.ts";
import { RESET_VERIFY_CSRF_PURPOSE } from "./reset-verify-constants.ts";
import { ResetVerifyForm } from "./reset-verify-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResetVerifyPage({ searchParams }: Props) {
  const { ticket: raw } = await searchParams;
  const ticket = typeof raw === "string" ? raw : "";
  let view: PasswordResetTicket | null;
  try {
    view = await findPasswordResetTicket(await ready(), ticket);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return (
      <Card title="Choose a new password" headingLevel={1}>
        <ServiceUnavailable />
      </Card>
    );
  }
  if (!view) {
    return (
      <Card title="This link can’t be used" headingLevel={1}>
        <Alert tone="error">This password reset link is invalid, has expired or has already been used.</Alert>
        <p className="mt-4 text-sm text-slate-600">
          Links work once and for a limited time, and a newer reset email replaces older ones. Ask for a new link from the
          application’s login page (“Forgot password?”).
        </p>
      </Card>
    );
  }
  const cookieValue = (await cookies()).get(csrfCookie().name)?.value;
  return (
    <Card title="Choose a new password" headingLevel={1} description={view.email ? `For the account ${view.email}.` : undefined}>
      {!cookieValue && (
        <Alert tone="warning" className="mb-5">
          Cookies appear to be blocked. Allow cookies for this site, then reload the page: the form needs one to protect you.
        </Alert>
      )}
      <ResetVerifyForm
        ticket={ticket}
        csrfToken={cookieValue ? csrfToken(cookieValue, RESET_VERIFY_CSRF_PURPOSE) : ""}
        email={view.email}
        policy={view.policy}
        personal={{ email: view.personal.email, username: view.personal.username, name: view.personal.name, nickname: view.personal.nickname }}
      />
    </Card>
  );
}
