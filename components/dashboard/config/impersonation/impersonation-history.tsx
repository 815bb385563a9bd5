"use client";
// Past and current impersonations of a user, with "End now" for the ones still running.
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useToast } from "@/components/dashboard/toast.tsx";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import type { ImpersonationView } from "@/lib/services/impersonation/present-impersonation.ts";
import { endImpersonationAction } from "./actions.ts";

const STATUS: Record<ImpersonationView["status"], string> = { pending: "Link not used yet", active: "Active", ended: "Ended", expired: "Expired", unused: "Link never used" };

export function ImpersonationHistory({ csrfToken, userId, items }: { csrfToken: string; userId: string; items: ImpersonationView[] }) {
  const toast = useToast();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  if (items.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Nobody has signed in as this user.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="impersonation-history">
        <thead className="text-xs text-slate-600 uppercase dark:text-slate-400">
          <tr>
            <th className="py-2 pr-4">When</th>
            <th className="py-2 pr-4">Operator</th>
            <th className="py-2 pr-4">Application</th>
            <th className="py-2 pr-4">Reason</th>
            <th className="py-2 pr-4">Status</th>
            <th className="py-2" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {items.map((item) => (
            <tr key={item.id}>
              <td className="py-2 pr-4 whitespace-nowrap">{new Date(item.created_at).toLocaleString()}</td>
              <td className="py-2 pr-4 break-all">{item.actor.email ?? item.actor.sub}</td>
              <td className="py-2 pr-4">{item.client_name ?? item.client_id}</td>
              <td className="py-2 pr-4 break-words">{item.reason}</td>
              <td className="py-2 pr-4 whitespace-nowrap">
                {STATUS[item.status]}
                {item.status === "active" || item.status === "pending" ? ` · until ${new Date(item.expires_at).toLocaleTimeString()}` : ""}
              </td>
              <td className="py-2 text-right">
                {(item.status === "active" || item.status === "pending") && (
                  <DashboardButton
                    size="sm"
                    variant="secondary"
                    pending={pending}
                    onClick={() =>
                      startTransition(async () => {
                        const result = await endImpersonationAction(csrfToken, item.id, userId);
                        if (result.ok) {
                          toast.success(result.message);
                          router.refresh();
                        } else toast.error(result.error);
                      })
                    }
                  >
                    End now
                  </DashboardButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
