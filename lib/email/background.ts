// Work a request starts but does not wait for (email delivery, the password-reset lookup that
// must take the same time whether or not the account exists). Each task's failure is logged, never
// thrown at anyone. Tests and graceful shutdown await `settleBackgroundWork()`.
import { logger } from "../logs/logger.ts";
import { processGlobal } from "../process-global.ts";

const pending = processGlobal("background-work", () => new Set<Promise<unknown>>());

export function runInBackground(what: string, task: () => Promise<unknown>): Promise<void> {
  const promise: Promise<void> = Promise.resolve()
    .then(task)
    .then(
      () => undefined,
      (error: unknown) => logger().error({ err: error, task: what }, "background task failed"),
    )
    .finally(() => pending.delete(promise));
  pending.add(promise);
  return promise;
}

/** Resolves when every task started so far (and any they start) has finished. */
export async function settleBackgroundWork(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
