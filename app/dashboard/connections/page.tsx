// /dashboard/connections: the database connections.
import type { Metadata } from "next";
import Link from "next/link";
import { Badge, EmptyState, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { operatorActor, requireOperator } from "@/lib/dashboard/require-operator.ts";
import { listConnections } from "@/lib/services/connections/list-connections.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  const operator = await requireOperator("/dashboard/connections");
  const db = await ready();
  const { rows } = await listConnections(db, { skip: 0, take: 100 }, operatorActor(operator));
  return (
    <>
      <PageHeader title="Connections" description="Where users are stored and how they sign in: password policy, brute-force protection, sign-up." />
      <Section id="connections-list" title="Database connections">
        {rows.length === 0 ? (
          <EmptyState title="No connections">Create one through the Management API (POST /api/v2/connections).</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="connections-list">
            {rows.map((row) => {
              const options = (row.options ?? {}) as { passwordPolicy?: string | null; disable_signup?: boolean; brute_force_protection?: boolean };
              return (
                <li key={row.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5">
                  <Link href={`/dashboard/connections/${encodeURIComponent(row.id)}`} className="font-semibold hover:underline">
                    {row.display_name ?? row.name}
                  </Link>
                  <Badge>{row.strategy}</Badge>
                  {row.is_system && <Badge tone="warning">Gatehouse operators</Badge>}
                  <Badge>password policy: {options.passwordPolicy ?? "none"}</Badge>
                  {options.disable_signup && <Badge tone="warning">sign-up disabled</Badge>}
                  {options.brute_force_protection === false && <Badge tone="danger">brute-force protection off</Badge>}
                  <code className="ml-auto text-xs text-slate-500 dark:text-slate-400">{row.name}</code>
                </li>
              );
            })}
          </ul>
        )}
      </Section>
    </>
  );
}
