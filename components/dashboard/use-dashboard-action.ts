"use client";
// Runs a dashboard server action from a client component: pending state, a success toast, the
// specific error as a toast (and returned for the form), and a refresh of the server components.
import { useRouter } from "next/navigation";
import { useCallback, useTransition } from "react";
import type { ActionResult } from "@/lib/dashboard/dashboard-action.ts";
import { useToast } from "./toast.tsx";

export function useDashboardAction() {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const run = useCallback(
    <T,>(action: () => Promise<ActionResult<T>>, options: { onSuccess?: (result: { message: string; data?: T }) => void; onError?: (result: { error: string; fieldErrors?: Record<string, string> }) => void; refresh?: boolean } = {}) =>
      new Promise<ActionResult<T>>((resolve) => {
        startTransition(async () => {
          let result: ActionResult<T>;
          try {
            result = await action();
          } catch {
            result = { ok: false, error: "The request did not reach Gatehouse. Check your connection and try again." };
          }
          if (result.ok) {
            toast.success(result.message);
            options.onSuccess?.(result);
            if (options.refresh !== false) router.refresh();
          } else {
            toast.error(result.error);
            options.onError?.(result);
          }
          resolve(result);
        });
      }),
    [router, toast],
  );
  return { run, pending };
}
