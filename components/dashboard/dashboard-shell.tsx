// The signed-in frame of the dashboard: header (product, who is signed in, sign-out), the
// navigation, and the page. Laptop widths: navigation in a sidebar; tablet and phone widths: a
// scrolling bar above the page.
import Link from "next/link";
import type { ReactNode } from "react";
import type { Operator } from "@/lib/dashboard/operator-session.ts";
import { SidebarNav } from "./sidebar-nav.tsx";
import { SignOutForm } from "./sign-out-form.tsx";
import { ToastProvider } from "./toast.tsx";

export function DashboardShell({ operator, csrfToken, children }: { operator: Operator; csrfToken: string; children: ReactNode }) {
  return (
    <ToastProvider>
      <div className="flex min-h-dvh flex-col">
        <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
          <div className="mx-auto flex max-w-[96rem] items-center justify-between gap-4 px-4 py-2.5 sm:px-6">
            <Link href="/dashboard" className="flex items-center gap-2 rounded text-base font-semibold tracking-tight text-slate-900 dark:text-white">
              <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white">
                G
              </span>
              Gatehouse <span className="font-normal text-slate-500 dark:text-slate-400">dashboard</span>
            </Link>
            <div className="flex min-w-0 items-center gap-3">
              <span className="hidden truncate text-sm text-slate-600 sm:inline dark:text-slate-400" data-testid="operator-email">
                {operator.email ?? operator.user_id}
              </span>
              <SignOutForm csrfToken={csrfToken} />
            </div>
          </div>
        </header>
        <div className="mx-auto flex w-full max-w-[96rem] flex-1 flex-col gap-4 px-4 py-4 sm:px-6 lg:flex-row lg:gap-8 lg:py-8">
          <aside className="lg:w-52 lg:shrink-0">
            <div className="lg:sticky lg:top-20">
              <SidebarNav />
            </div>
          </aside>
          <main id="main" className="min-w-0 flex-1 pb-16">
            {children}
          </main>
        </div>
      </div>
    </ToastProvider>
  );
}
