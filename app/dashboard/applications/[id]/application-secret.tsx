"use client";
// The secret: hidden until "Show secret" (a server action that records the read), rotatable.
import { useState } from "react";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { revealSecretAction, rotateSecretAction } from "../actions.ts";

export function ApplicationSecret({ csrfToken, clientId }: { csrfToken: string; clientId: string }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const reveal = useDashboardAction();
  const rotate = useDashboardAction();
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <code className="rounded bg-slate-100 px-2 py-1 text-xs break-all dark:bg-slate-800" data-testid="client-secret">
          {secret ?? "••••••••••••••••••••••••"}
        </code>
        {secret ? (
          <>
            <DashboardButton size="sm" variant="secondary" onClick={() => void navigator.clipboard?.writeText(secret)}>
              Copy
            </DashboardButton>
            <DashboardButton size="sm" variant="ghost" onClick={() => setSecret(null)}>
              Hide
            </DashboardButton>
          </>
        ) : (
          <DashboardButton size="sm" variant="secondary" pending={reveal.pending} pendingLabel="Loading…" onClick={() => reveal.run(() => revealSecretAction(csrfToken, clientId), { onSuccess: (r) => setSecret(r.data?.secret ?? null), refresh: false })}>
            Show secret
          </DashboardButton>
        )}
      </div>
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 p-2 text-sm dark:border-red-900 dark:bg-red-950" role="group" aria-label="Confirm rotation">
          <span>The current secret stops working at once. Rotate?</span>
          <DashboardButton
            size="sm"
            variant="danger"
            pending={rotate.pending}
            pendingLabel="Rotating…"
            onClick={() =>
              rotate.run(() => rotateSecretAction(csrfToken, clientId), {
                onSuccess: () => {
                  setSecret(null);
                  setConfirming(false);
                },
              })
            }
          >
            Rotate secret
          </DashboardButton>
          <DashboardButton size="sm" variant="ghost" onClick={() => setConfirming(false)}>
            Cancel
          </DashboardButton>
        </div>
      ) : (
        <div>
          <DashboardButton size="sm" variant="secondary" onClick={() => setConfirming(true)}>
            Rotate…
          </DashboardButton>
        </div>
      )}
    </div>
  );
}
