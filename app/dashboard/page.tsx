// /dashboard: the home page: activity of the last 30 days and the newest events
// (components/dashboard/home), then the dashboard's sections.
import type { Metadata } from "next";
import Link from "next/link";
import { NAV_ITEMS } from "@/components/dashboard/nav-items.ts";
import { PageHeader } from "@/components/dashboard/ui/layout-parts.tsx";
import { requireOperator } from "@/lib/dashboard/require-operator.ts";
import { HomeDashboard } from "@/components/dashboard/home/home-dashboard.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Home" };

export default async function DashboardHomePage() {
  const operator = await requireOperator("/dashboard");
  return (
    <>
      <PageHeader title="Home" description={`Signed in as ${operator.email ?? operator.user_id}.`} />
      <HomeDashboard operator={operator} />
      <h2 className="mt-8 mb-3 text-base font-semibold">Sections</h2>
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {NAV_ITEMS.filter((item) => item.href !== "/dashboard").map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              className="flex h-full flex-col gap-1 rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600 dark:border-slate-800 dark:bg-slate-900"
            >
              <span className="font-semibold">{item.label}</span>
              <span className="text-sm text-slate-600 dark:text-slate-400">{item.description}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
