// /u/mfa?state=<transaction>: the second factor of a hosted login (lib/services/login/login-mfa.ts),
// in the browser that passed the password step (its binding cookie). Enrollment the first time
// (QR code, the key in text, the otpauth:// link, then a code to confirm), a code challenge
// afterwards (`&method=recovery-code` for the recovery code), or once verified the new recovery
// code (when the step made one) and Continue. Anything
// else (unknown, expired or completed transaction, another browser) goes where a lost login goes.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import Link from "next/link";
import { ServiceUnavailable } from "@/components/hosted/service-unavailable.tsx";
import { Card } from "@/components/ui/card.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { qrCodeSvg } from "@/lib/mfa/qr-svg.ts";
import { csrfCookie, csrfToken } from "@/lib/security/csrf.ts";
import { loadLoginMfa, type LoginMfa } from "@/lib/services/login/login-mfa.ts";
import { transactionCsrfPurpose } from "@/lib/services/login/transaction-csrf.ts";
import { ApplicationHeading } from "../_shared/application-heading.tsx";
import { lostTransactionLocation } from "../_shared/hosted-error-location.ts";
import { currentMfaBinding } from "../_shared/mfa-binding.ts";
import { ContinueForm, MfaCodeForm, RecoveryCodeNotice } from "./mfa-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Verify your identity" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const linkClass = "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800";

export default async function MfaPage({ searchParams }: Props) {
  const { state: rawState, method: rawMethod } = await searchParams;
  const state = typeof rawState === "string" ? rawState : undefined;
  const method = typeof rawMethod === "string" ? rawMethod : undefined;

  let loaded: LoginMfa | null;
  let lost: string | undefined;
  try {
    const db = await ready();
    loaded = await loadLoginMfa(db, { state, browserBinding: await currentMfaBinding(), ...(method ? { method } : {}) });
    if (!loaded) lost = await lostTransactionLocation(db, state);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return (
      <Card title="Verify your identity" headingLevel={1}>
        <ServiceUnavailable />
      </Card>
    );
  }
  if (!loaded) redirect(lost!);

  const { context, view } = loaded;
  const { transaction, client } = context;
  const cookieValue = (await cookies()).get(csrfCookie().name)?.value;
  const token = cookieValue ? csrfToken(cookieValue, transactionCsrfPurpose("mfa", transaction)) : "";
  const stateParam = encodeURIComponent(transaction.id);

  if (view.step === "verified")
    return (
      <Card title={<ApplicationHeading action="Verified" client={client} />} headingLevel={1} description={`Your identity is verified. Continue to ${client.name}.`}>
        {view.recoveryCode ? (
          <RecoveryCodeNotice state={transaction.id} csrfToken={token} recoveryCode={view.recoveryCode} />
        ) : (
          <ContinueForm state={transaction.id} csrfToken={token} label="Continue" />
        )}
      </Card>
    );

  if (view.step === "enroll") {
    const grouped = view.secret.match(/.{1,4}/g)?.join(" ") ?? view.secret;
    return (
      <Card
        title={<ApplicationHeading action="Secure your account" client={client} />}
        headingLevel={1}
        description={`${client.name} asks for a second step when you log in: a code from an authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator, 1Password or Authy).`}
      >
        <ol className="mb-6 flex list-decimal flex-col gap-4 pl-5 text-sm text-slate-700">
          <li>
            <p>Scan this QR code with your authenticator app:</p>
            <div
              className="mt-3 h-44 w-44 rounded-md border border-slate-200 p-1"
              // The SVG is generated on the server from our own otpauth:// URI (lib/mfa/qr-svg.ts), with its label escaped.
              dangerouslySetInnerHTML={{ __html: qrCodeSvg(view.uri, `QR code to add ${view.account} at ${view.issuer} to an authenticator app`) }}
            />
            <p className="mt-3">
              Or enter this key by hand (time-based):{" "}
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-900 select-all" data-testid="totp-secret" data-secret={view.secret}>
                {grouped}
              </code>
            </p>
            <p className="mt-2">
              On this device?{" "}
              <a href={view.uri} className={linkClass}>
                Open in your authenticator app
              </a>
            </p>
          </li>
          <li>Enter the 6-digit code the app shows for {view.account}.</li>
        </ol>
        <MfaCodeForm state={transaction.id} csrfToken={token} kind="otp" submitLabel="Verify and continue" />
      </Card>
    );
  }

  const recovery = view.method === "recovery-code";
  return (
    <Card
      title={<ApplicationHeading action="Verify your identity" client={client} />}
      headingLevel={1}
      description={recovery ? "Enter the recovery code you saved when you set up your authenticator app." : "Enter the code from your authenticator app."}
    >
      <MfaCodeForm key={view.method} state={transaction.id} csrfToken={token} kind={view.method} submitLabel="Continue" />
      {view.recoveryCodeAvailable && (
        <p className="mt-5 text-center text-sm">
          {recovery ? (
            <Link href={`/u/mfa?state=${stateParam}`} className={linkClass}>
              Use your authenticator app instead
            </Link>
          ) : (
            <Link href={`/u/mfa?state=${stateParam}&method=recovery-code`} className={linkClass}>
              Lost your authenticator app? Use a recovery code
            </Link>
          )}
        </p>
      )}
    </Card>
  );
}
