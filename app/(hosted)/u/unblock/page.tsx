// /u/unblock?token=...: the link of the blocked-account email (auth0-authentication.md F.2,
// brute-force-protection-unblock). The signed token names one brute-force block; following the
// link releases it (logged `ublkdu`) and resets the failure count. Single use: the block is gone
// afterwards, so the same link then reports that there is nothing to unblock.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { ServiceUnavailable } from "@/components/hosted/service-unavailable.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Card } from "@/components/ui/card.tsx";
import { releaseBlock } from "@/lib/attack-protection/brute-force-protection.ts";
import { blockIdFromUnblockToken } from "@/lib/attack-protection/unblock-link.ts";
import { ready } from "@/lib/boot/ready.ts";
import { isDatabaseUnavailable } from "@/lib/db/errors.ts";
import { runWithActionRequestContext } from "@/lib/http/action-request-context.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Unblock your account", referrer: "no-referrer" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UnblockPage({ searchParams }: Props) {
  const { token: raw } = await searchParams;
  const blockId = blockIdFromUnblockToken(typeof raw === "string" ? raw : undefined);
  let released = false;
  if (blockId) {
    try {
      const db = await ready();
      released = (await runWithActionRequestContext(await headers(), () => releaseBlock(db, blockId))).released;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      return (
        <Card title="Unblock your account" headingLevel={1}>
          <ServiceUnavailable />
        </Card>
      );
    }
  }
  if (!released) {
    return (
      <Card title="Nothing to unblock" headingLevel={1}>
        <Alert tone="error">This unblock link is invalid, has expired or has already been used.</Alert>
        <p className="mt-4 text-sm text-slate-600">
          If your account is still blocked, reset your password from the application’s login page (“Forgot password?”): that
          unblocks it too.
        </p>
      </Card>
    );
  }
  return (
    <Card title="Account unblocked" headingLevel={1}>
      <Alert tone="success" live>
        Your account has been unblocked. You can log in again.
      </Alert>
      <p className="mt-4 text-sm text-slate-600">
        If you did not try to log in yourself, someone may be guessing your password: choose a new one with “Forgot password?”
        on the login page.
      </p>
    </Card>
  );
}
