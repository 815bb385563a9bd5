// Layout of /dashboard/**: the signed-in shell (header, navigation, toasts) for operators, a plain
// centred column otherwise and always on the sign-in, not authorized and signed-out pages
// (components/dashboard/dashboard-frame.tsx: the choice follows the URL on client navigations). It
// does not guard anything: every page calls requireOperator() itself (lib/dashboard/require-operator.ts).
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { DashboardFrame } from "@/components/dashboard/dashboard-frame.tsx";
import { DashboardShell } from "@/components/dashboard/dashboard-shell.tsx";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { currentOperatorState } from "@/lib/dashboard/operator-session.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: { default: "Dashboard", template: "%s · Gatehouse dashboard" } };
export const viewport: Viewport = { colorScheme: "light dark" };

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const state = await currentOperatorState().catch(() => ({ kind: "signed_out" as const }));
  return (
    <div className="min-h-dvh bg-slate-50 text-slate-900 [color-scheme:light] dark:bg-slate-950 dark:text-slate-100 dark:[color-scheme:dark]">
      <DashboardFrame
        shell={
          state.kind === "operator" ? (
            <DashboardShell operator={state.operator} csrfToken={await dashboardCsrfToken()}>
              {children}
            </DashboardShell>
          ) : null
        }
        plain={
          <div className="flex min-h-dvh flex-col items-center px-4 py-10 sm:py-16">
            <main id="main" className="w-full max-w-md">
              {children}
            </main>
          </div>
        }
      />
    </div>
  );
}
