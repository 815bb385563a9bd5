// /setup/complete: where the setup form redirects after creating the first operator. The email comes
// from a short-lived signed cookie set by the action, so this page cannot be made to claim that any
// other account was created.
import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { Alert } from "@/components/ui/alert.tsx";
import { Card } from "@/components/ui/card.tsx";
import { hostCookie } from "@/lib/security/host-cookie.ts";
import { verifySignedValue } from "@/lib/security/signed-value.ts";
import { SETUP_DONE_COOKIE } from "../setup-constants.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Operator created" };

export default async function SetupCompletePage() {
  const signed = (await cookies()).get(hostCookie(SETUP_DONE_COOKIE).name)?.value;
  const email = verifySignedValue(SETUP_DONE_COOKIE, signed);

  if (!email) {
    return (
      <Card title="Nothing to show" headingLevel={1}>
        <p className="text-sm text-slate-600">No setup was completed in this browser in the last few minutes.</p>
        <p className="mt-4 text-sm">
          <Link href="/" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            Go to the Gatehouse home page
          </Link>
        </p>
      </Card>
    );
  }
  return (
    <Card title="Operator created" headingLevel={1}>
      <Alert tone="success" live>
        The operator account <strong className="font-semibold">{email}</strong> has been created.
      </Alert>
      <div className="mt-5 flex flex-col gap-3 text-sm text-slate-700">
        <p>
          <span className="font-medium text-slate-900">Next:</span> sign in to the Gatehouse dashboard with this email address
          and password.
        </p>
        <p>
          <Link href="/dashboard" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            Open the dashboard
          </Link>
        </p>
        <p>The setup link is used up. Keep the password safe: there is no default or recovery password.</p>
        <p>
          <Link href="/" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
            Go to the Gatehouse home page
          </Link>
        </p>
      </div>
    </Card>
  );
}
