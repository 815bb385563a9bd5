// /dashboard/signed-out: where /oidc/logout returns the browser after the dashboard's sign-out (an
// Allowed Logout URL of the "Gatehouse Dashboard" application).
import type { Metadata } from "next";
import Link from "next/link";
import { Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { Alert } from "@/components/ui/alert.tsx";

export const metadata: Metadata = { title: "Signed out" };

export default function SignedOutPage() {
  return (
    <Section>
      <div className="flex flex-col gap-5">
        <h1 className="text-xl font-semibold tracking-tight">Signed out</h1>
        <Alert tone="success" live>
          You have signed out of the dashboard and of Gatehouse.
        </Alert>
        <Link href="/dashboard/sign-in" className="text-sm font-medium text-brand-700 underline underline-offset-2 dark:text-brand-100">
          Sign in again
        </Link>
      </div>
    </Section>
  );
}
